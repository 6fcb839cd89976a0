// Desktop smoke test: the native app under Xvfb renders frames, writes a PNG screenshot of its
// window and prints its state; and it fails cleanly (exit 1, a readable message) without OpenGL 3.3.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { root, decodePng, pixelStats } = require('./harness');
const { desktopEnv } = require('./desktop_env');

const app = process.env.NNLAB_DESKTOP || path.join(root, 'build', 'native', 'nnlab');
const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });

function runUnderXvfb(args, env = {}) {
  return spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', app, ...args],
    { encoding: 'utf8', timeout: 60000, env: desktopEnv(env) });
}

test('the desktop app renders the neuron view and saves a non-blank screenshot', () => {
  const file = path.join(shots, 'desktop-neuron.png');
  fs.rmSync(file, { force: true });
  const r = runUnderXvfb(['--frames', '10', '--screenshot', file, '--state', '--size', '1280x800',
    '--link', '#view=neuron&w1=0.5&act=sigmoid']);
  assert.equal(r.status, 0, r.stderr);
  const state = JSON.parse(r.stdout.trim().split('\n').pop());
  assert.equal(state.build.platform, 'native');
  assert.equal(state.neuron.w1, 0.5);
  assert.equal(state.neuron.z, 0.5 * 10 + 2 * 1 + 1);
  assert.equal(state.neuron.decision, 'take an umbrella');
  const png = decodePng(fs.readFileSync(file));
  assert.equal(png.width, 1280);
  assert.equal(png.height, 800);
  const stats = pixelStats(png);
  assert.ok(stats.colours > 30, `screenshot looks blank: ${stats.colours} colours`);
  assert.ok(stats.stddev > 8, `screenshot looks blank: luminance stddev ${stats.stddev}`);
});

test('commands given on the command line run before the first frame', () => {
  const r = runUnderXvfb(['--frames', '2', '--state', '--command', 'set w1 0.25', '--command', 'set x1 nonsense']);
  assert.equal(r.status, 0, r.stderr);
  const state = JSON.parse(r.stdout.trim().split('\n').pop());
  assert.equal(state.neuron.w1, 0.25);
  assert.equal(state.neuron.x1, 10);
  assert.match(r.stderr, /not a finite number/);
});

test('without an OpenGL 3.3 context the app says so and exits with code 1', () => {
  // Mesa can be told to offer at most GL 3.0: then no 3.3 core context can be made.
  const r = runUnderXvfb(['--frames', '2'], { MESA_GL_VERSION_OVERRIDE: '3.0' });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /OpenGL 3\.3/);
});

test('bad command-line flags get a usage message and exit code 2', () => {
  const r = spawnSync(app, ['--frames', 'many'], { encoding: 'utf8', env: desktopEnv() });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: nnlab/);
});
