/** `npm run deploy` registers the slash commands; `npm run deploy -- --undeploy` removes them. */
import { commands } from "../commands/index.js";
import { loadConfig } from "./config.js";
import { deployCommands, describeDeployment, explainDeployError } from "./register.js";

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--undeploy");
if (unknown.length > 0) {
  console.error(`Unknown argument ${unknown.join(" ")}. Usage: npm run deploy [-- --undeploy]`);
  process.exit(2);
}

try {
  const result = await deployCommands({
    config: loadConfig(),
    commands,
    undeploy: args.length > 0,
  });
  console.log(describeDeployment(result));
} catch (error) {
  console.error(explainDeployError(error));
  process.exitCode = 1;
}
