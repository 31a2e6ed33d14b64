// Lets a child process of a test run TypeScript sources as jest does (the same swc options as jest.config.js, from swc-options.js),
// outside jest's VM: PGlite is an ES module that jest's VM cannot import dynamically.
const { readFileSync } = require('node:fs');
const swc = require('@swc/core');

const options = require('./swc-options');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
