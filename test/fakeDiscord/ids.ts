import type { Snowflake } from "discord-api-types/v10";

const DISCORD_EPOCH_MS = 1_420_070_400_000n;
const INCREMENT_BITS = 22n;

/**
 * Fixed ids are minted at a fixed instant so test expectations and logs stay stable between runs.
 */
const FIXED_ID_TIMESTAMP_MS = Date.UTC(2024, 0, 1);

export function snowflakeAt(timestampMs: number, increment = 0): Snowflake {
  const sinceEpoch = BigInt(timestampMs) - DISCORD_EPOCH_MS;
  return ((sinceEpoch << INCREMENT_BITS) | BigInt(increment & 0xfff)).toString();
}

/**
 * Discord routes a guild's events to shard `(guild_id >> 22) % shard_count`.
 */
export function shardForGuild(guildId: Snowflake, shardCount: number): number {
  return Number((BigInt(guildId) >> INCREMENT_BITS) % BigInt(shardCount));
}

export function fixedSnowflake(slot: number): Snowflake {
  return snowflakeAt(FIXED_ID_TIMESTAMP_MS, slot);
}

/**
 * The shard of a guild depends only on the timestamp bits, so guild ids are spaced by timestamp
 * from a base divisible by 840 (= lcm of 1..8): guild i then lands on shard i % N for any N <= 8.
 */
const GUILD_TIMESTAMP_BASE_MS = (() => {
  const sinceEpoch = BigInt(FIXED_ID_TIMESTAMP_MS) - DISCORD_EPOCH_MS;
  return Number(sinceEpoch - (sinceEpoch % 840n) + DISCORD_EPOCH_MS);
})();

export function fixedGuildSnowflake(index: number): Snowflake {
  return snowflakeAt(GUILD_TIMESTAMP_BASE_MS + index);
}

export function createSnowflakeFactory(): () => Snowflake {
  let increment = 0;
  return () => {
    increment = (increment + 1) & 0xfff;
    return snowflakeAt(Date.now(), increment);
  };
}
