// conf (the metadata file in the headless agent) imports ajv, ajv-formats and semver for options
// Tessera never passes it (a JSON schema, migrations by version). scripts/build-cli.mjs puts this
// module in their place in the agent's bundle: half its size, and a faster start. Should conf ever
// reach for them, it fails loudly here instead of validating nothing.
function unused() {
  throw new Error('Not in the agent’s bundle: Tessera gives conf no schema and no migrations (scripts/conf-unused.mjs).');
}
export class Ajv2020 {
  constructor() {
    unused();
  }
}
export default { default: unused, eq: unused, clean: unused, satisfies: unused, lte: unused, gt: unused };
