/**
 * Loaded into the bot process by token.test.ts (`node --import tsx --import <this file>`), to
 * provoke the failures no request can: a signal makes the process fail with the token in the
 * error, so the test can check that the token never reaches the output.
 *   SIGUSR2: an unhandled promise rejection (the bot must log it and keep running).
 *   SIGHUP: an uncaught exception (the bot must log it and exit non-zero).
 */
const token = process.env.DISCORD_TOKEN ?? "";

process.on("SIGUSR2", () => {
  const error = Object.assign(new Error(`rejected while holding Bot ${token}`), {
    token,
    request: { headers: { Authorization: `Bot ${token}` } },
  });
  void Promise.reject(error);
});

process.on("SIGHUP", () => {
  setImmediate(() => {
    throw new Error(`crashed while holding ${token}`);
  });
});
