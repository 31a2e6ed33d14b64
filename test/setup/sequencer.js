// Splits the suites between the side-by-side jest processes of scripts/test.js (--shard=i/n) by how long each took
// (test/setup/durations.json, seconds, written by scripts/test.js after a run), the longest first onto the least-loaded
// process, so that the processes end together; jest's own split (by path hash) can put the three longest on one.
const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const DURATIONS = require('./durations.json');

class BalancedSequencer extends Sequencer {
  shard(tests, { shardIndex, shardCount }) {
    const root = (test) => test.context.config.rootDir;
    const weight = (test) => DURATIONS[relative(root(test), test.path)] ?? (test.path.endsWith('.e2e-spec.ts') ? 40 : 2);
    const ordered = tests
      .map((test) => ({ test, weight: weight(test) }))
      .sort((a, b) => b.weight - a.weight || (a.test.path < b.test.path ? -1 : 1));
    const loads = new Array(shardCount).fill(0);
    const mine = [];
    for (const { test, weight: w } of ordered) {
      let least = 0;
      for (let k = 1; k < shardCount; k++) if (loads[k] < loads[least]) least = k;
      loads[least] += w;
      if (least === shardIndex - 1) mine.push(test);
    }
    return mine;
  }
}

module.exports = BalancedSequencer;
