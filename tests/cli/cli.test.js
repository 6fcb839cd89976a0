// nnlab-cli end to end, native and WebAssembly (node) builds side by side:
//   trace: the worked examples' numbers (umbrella, coat, x = [1, 2]), gradients against finite differences
//          computed here from repeated trace calls, the built-in lessons by name, in Chinese
//          (--lang zh) with the English run's numbers;
//   train: a real run on Fashion-MNIST (a few thousand images) reaching a stated accuracy, the
//          same result from both builds for the same seed, a saved model that traces;
//   usage: bad flags and values exit 2 with one error line + usage on stderr and write nothing.
// Binaries: NNLAB_CLI_NATIVE (default build/native/nnlab-cli), NNLAB_CLI_WASM (default
// build/web/nnlab-cli.js). Run: node --test tests/cli/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const nativeCli = process.env.NNLAB_CLI_NATIVE || path.join(root, 'build', 'native', 'nnlab-cli');
const wasmCli = process.env.NNLAB_CLI_WASM || path.join(root, 'build', 'web', 'nnlab-cli.js');
const fashion = '/usr/share/datasets/fashion-mnist';
const haveFashion = fs.existsSync(path.join(fashion, 't10k-labels-idx1-ubyte.gz'));

const runners = [
  { name: 'native', cmd: nativeCli, pre: [] },
  { name: 'wasm', cmd: process.execPath, pre: [wasmCli] },
];

function run(runner, args, timeout = 120000) {
  const r = spawnSync(runner.cmd, [...runner.pre, ...args], { encoding: 'utf8', timeout });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function runJson(runner, args) {
  const r = run(runner, [...args, '--json']);
  assert.equal(r.code, 0, `${runner.name} ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnlab-cli-test-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// An nnlab-model file (docs/model-format.md) from [{act, W: [[...]], b: [...]}, ...].
function writeModel(name, layers) {
  const file = path.join(tmp, name);
  const json = {
    format: 'nnlab-model', version: 1,
    layers: layers.map((l) => ({ inputs: l.W[0].length, outputs: l.W.length, activation: l.act, weights: l.W, bias: l.b })),
  };
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

const umbrella = [{ act: 'relu', W: [[-0.5, 2]], b: [1] }];
const coat = [
  { act: 'relu', W: [[-0.5, 1, 0.5], [-1, 0.5, 0.5]], b: [0, 1] },
  { act: 'sigmoid', W: [[0.8, -0.5]], b: [0.2] },
];
const twoByTwo = [{ act: 'relu', W: [[0.5, 0.3], [0.4, 0.6]], b: [0.1, 0.2] }];
// Gradients that are not zero anywhere: tanh hidden layer, then sigmoid or softmax outputs.
const small = (out) => [
  { act: 'tanh', W: [[0.3, -0.2], [0.5, 0.4], [-0.6, 0.1]], b: [0.05, -0.1, 0.2] },
  { act: out, W: [[0.7, -0.3, 0.2], [-0.4, 0.6, 0.5]], b: [0.1, -0.2] },
];

const close = (a, b, tol) => Math.abs(a - b) <= tol;
const allClose = (a, b, tol) => a.length === b.length && a.every((v, k) => close(v, b[k], tol));

for (const runner of runners) {
  test.describe(`nnlab-cli (${runner.name})`, () => {
    test.before(() => {
      const file = runner.name === 'native' ? nativeCli : wasmCli;
      assert.ok(fs.existsSync(file), `${file} not built (set NNLAB_CLI_${runner.name.toUpperCase()} or build it)`);
    });

    test('umbrella neuron: z = −2, a = 0', () => {
      const out = runJson(runner, ['trace', '--model', writeModel('umbrella.json', umbrella), '--input', '10,1']);
      assert.deepEqual(out.layers.map((l) => [l.z, l.a]), [[[-2], [0]]]);
      assert.deepEqual(out.output, [0]);
      assert.equal(out.loss, undefined);
      assert.equal(out.grads, undefined);
      assert.ok(out.steps.some((s) => s.text.includes('= −2')), JSON.stringify(out.steps.map((s) => s.text)));
    });

    test('coat network: z⁽¹⁾ = [−3.5, −8], z⁽²⁾ = 0.2, ŷ = 0.549834; dead ReLUs get zero gradients', () => {
      const model = writeModel('coat.json', coat);
      const out = runJson(runner, ['trace', '--model', model, '--input', '10,1,1', '--target', '1']);
      assert.deepEqual(out.layers[0].z, [-3.5, -8]);
      assert.deepEqual(out.layers[0].a, [0, 0]);
      assert.ok(close(out.layers[1].z[0], 0.2, 1e-7));
      assert.ok(close(out.output[0], 0.549834, 1e-6), String(out.output[0]));
      // ½(1 − ŷ)² and δ⁽²⁾ = (ŷ − 1)·ŷ(1 − ŷ)
      const y = out.output[0];
      assert.ok(close(out.loss, 0.5 * (1 - y) ** 2, 1e-6));
      assert.ok(close(out.grads[1].db[0], (y - 1) * y * (1 - y), 1e-6));
      assert.deepEqual(out.grads[0].dW, [[0, 0, 0], [0, 0, 0]]);
      assert.deepEqual(out.grads[0].db, [0, 0]);
      assert.deepEqual(out.grads[1].dW, [[0, 0]]);
      const texts = out.steps.map((s) => s.text);
      assert.ok(texts.includes('z⁽¹⁾₁ = (−0.5 × 10) + (1 × 1) + (0.5 × 1) + 0 = −3.5'), texts.join('\n'));
      assert.ok(texts.some((t) => t.includes('= −8')));
      // Without --json: the same steps as readable text.
      const text = run(runner, ['trace', '--model', model, '--input', '10,1,1']);
      assert.equal(text.code, 0);
      assert.ok(text.stdout.includes('z⁽¹⁾₁ = (−0.5 × 10) + (1 × 1) + (0.5 × 1) + 0 = −3.5'), text.stdout);
    });

    test('two inputs, two neurons: x = [1, 2] → z = [1.2, 1.8]', () => {
      const out = runJson(runner, ['trace', '--model', writeModel('two.json', twoByTwo), '--input', '1,2']);
      assert.ok(allClose(out.layers[0].z, [1.2, 1.8], 1e-6), JSON.stringify(out.layers[0].z));
      assert.ok(allClose(out.output, [1.2, 1.8], 1e-6));
    });

    test('built-in lessons trace by name', () => {
      const u = runJson(runner, ['trace', 'umbrella']);
      assert.equal(u.lesson, 'umbrella');
      assert.deepEqual(u.layers[0].z, [-2]);
      const c = runJson(runner, ['trace', 'coat']);
      assert.deepEqual(c.layers[0].z, [-3.5, -8]);
      assert.ok(close(c.output[0], 0.549834, 1e-6));
      const t = runJson(runner, ['trace', 'two-by-two']);
      assert.ok(allClose(t.layers[0].z, [1.2, 1.8], 1e-6));
      const b = runJson(runner, ['trace', 'backprop-coat']);
      assert.ok(b.grads && b.steps.length > 10);
      assert.ok(b.steps.some((s) => s.kind === 'update'));
      for (const id of ['umbrella', 'coat', 'two-by-two', 'backprop-coat']) {
        const r = run(runner, ['trace', id]);
        assert.equal(r.code, 0, r.stderr);
        assert.ok(r.stdout.split('\n').length > 5, r.stdout);
      }
    });

    // --lang zh: the same steps in Chinese. Every number is the English run's; what is left in Latin
    // letters is formulas' symbols and the terms kept in Latin.
    test('--lang zh: the coat trace in Chinese, with the numbers of the English run', () => {
      const kept = new Set(['ReLU', 'Leaky', 'leaky', 'Sigmoid', 'tanh', 'Softmax', 'softmax', 'step', 'identity', 'max',
        'argmax', 'Mazur', 'MNIST', 'PyTorch', 'log']);
      const numbers = (text) => (text.match(/−?[0-9][0-9.,]*/g) || []).map((n) => n.replace(/[.,]+$/, '')).sort();
      const english = (text) => (text.match(/[A-Za-z]{3,}/g) || []).filter((w) => !kept.has(w));
      const en = run(runner, ['trace', 'coat']);
      const zh = run(runner, ['trace', 'coat', '--lang', 'zh']);
      assert.equal(zh.code, 0, zh.stderr);
      assert.equal(run(runner, ['trace', 'coat', '--lang', 'en']).stdout, en.stdout);
      for (const line of ['外套网络 3-2-1',
        '  1. z⁽¹⁾₁ = (−0.5 × 10) + (1 × 1) + (0.5 × 1) + 0 = −3.5',
        '     公式：z⁽¹⁾₁ = W⁽¹⁾₁₁x₁ + W⁽¹⁾₁₂x₂ + W⁽¹⁾₁₃x₃ + b⁽¹⁾₁',
        '     第 1 层（隐藏层）的神经元 1 把每个输入乘以对应的权重再加上偏置：加权求和得 −3.5。',
        '  4. z⁽¹⁾₂ = −10 + 0.5 + 0.5 + 1 = −8，而不是 −7',
        '  9. ŷ = 0.5498 > 0.5 → 穿外套']) {
        assert.ok(zh.stdout.split('\n').some((l) => l.startsWith(line)), `${runner.name}: no line "${line}…" in\n${zh.stdout}`);
      }
      assert.deepEqual(english(zh.stdout), []);
      assert.deepEqual(numbers(zh.stdout), numbers(en.stdout));
      assert.equal(zh.stdout.split('\n').length, en.stdout.split('\n').length);
      // --json: the same numbers and steps; the texts in Chinese.
      for (const id of ['coat', 'backprop-coat']) {
        const je = runJson(runner, ['trace', id]);
        const jz = runJson(runner, ['trace', id, '--lang', 'zh']);
        assert.notEqual(jz.title, je.title);
        for (const key of ['input', 'layers', 'output', 'target', 'loss', 'grads']) assert.deepEqual(jz[key], je[key], key);
        assert.equal(jz.steps.length, je.steps.length);
        jz.steps.forEach((step, k) => {
          const e = je.steps[k];
          assert.deepEqual([step.kind, step.layer, step.neuron, step.input, step.values],
            [e.kind, e.layer, e.neuron, e.input, e.values]);
          for (const field of ['text', 'symbolic', 'explanation']) {
            assert.deepEqual(numbers(step[field]), numbers(e[field]), `${id} step ${k + 1} ${field}: ${step[field]}`);
            assert.deepEqual(english(step[field]), [], `${id} step ${k + 1} ${field}: ${step[field]}`);
          }
        });
      }
    });

    // Central differences of the loss, each from two more trace calls on a perturbed model file.
    for (const [label, out, loss, target] of [
      ['tanh → sigmoid, half-sse', 'sigmoid', 'half-sse', '0.2,0.9'],
      ['tanh → sigmoid, bce', 'sigmoid', 'bce', '1,0'],
      ['tanh → softmax, cross-entropy (class index)', 'softmax', 'cross-entropy', '1'],
    ]) {
      test(`gradients equal finite differences: ${label}`, () => {
        const layers = small(out);
        const args = (file) => ['trace', '--model', file, '--input', '0.7,-1.2', '--target', target, '--loss', loss];
        const base = runJson(runner, args(writeModel(`fd-${runner.name}.json`, layers)));
        const h = 1e-3;
        const lossAt = (l, kind, o, i, delta) => {
          const copy = JSON.parse(JSON.stringify(layers));
          if (kind === 'W') copy[l].W[o][i] += delta; else copy[l].b[o] += delta;
          return runJson(runner, args(writeModel(`fd-${runner.name}.json`, copy))).loss;
        };
        // Every parameter natively; in wasm (≈ 0.3–0.5 s per node start) the first and last
        // weight and the last bias of each layer: the builds' agreement is checked separately.
        const every = runner.name === 'native';
        const pick = (l, kind, o, i) => every || (kind === 'b' ? o === layers[l].b.length - 1
          : (o === 0 && i === 0) || (o === layers[l].W.length - 1 && i === layers[l].W[0].length - 1));
        let checked = 0;
        layers.forEach((layer, l) => {
          layer.W.forEach((row, o) => row.forEach((_, i) => {
            if (!pick(l, 'W', o, i)) return;
            const fd = (lossAt(l, 'W', o, i, h) - lossAt(l, 'W', o, i, -h)) / (2 * h);
            const g = base.grads[l].dW[o][i];
            assert.ok(Math.abs(g - fd) <= 2e-3 + 1e-2 * Math.abs(fd), `dW[${l}][${o}][${i}] = ${g}, finite difference ${fd}`);
            checked++;
          }));
          layer.b.forEach((_, o) => {
            if (!pick(l, 'b', o, 0)) return;
            const fd = (lossAt(l, 'b', o, 0, h) - lossAt(l, 'b', o, 0, -h)) / (2 * h);
            const g = base.grads[l].db[o];
            assert.ok(Math.abs(g - fd) <= 2e-3 + 1e-2 * Math.abs(fd), `db[${l}][${o}] = ${g}, finite difference ${fd}`);
            checked++;
          });
        });
        assert.equal(checked, every ? 17 : 6);
        assert.ok(base.grads.flatMap((g) => g.db).some((v) => Math.abs(v) > 1e-3), 'gradients should not all vanish');
      });
    }

    test('bad flags and values: exit 2, one error line and the usage on stderr, nothing written', () => {
      const model = writeModel('coat-bad.json', coat);
      const broken = path.join(tmp, 'broken.json');
      fs.writeFileSync(broken, '{"format": "nnlab-model", "version": 1, "layers": [{"inputs": 3');
      const save = path.join(tmp, `never-${runner.name}.json`);
      const cases = [
        [['trace', '--model', model, '--input', '10,1,1', '--bogus'], 'unknown flag --bogus'],
        [['trace', '--model', model, '--input', '10,1'], '--input has 2 values'],
        [['trace', '--model', model, '--input', '10,1,x'], '--input must be'],
        [['trace', '--model', model, '--input', '10,1,1', '--target', '1,2'], '--target has 2 values'],
        [['trace', '--model', model, '--input', '10,1,1', '--loss', 'hinge'], 'unknown --loss'],
        [['trace', '--model', path.join(tmp, 'missing.json'), '--input', '1'], 'missing.json: cannot open'],
        [['trace', '--model', broken, '--input', '1'], 'broken.json: not valid JSON'],
        [['trace', 'no-such-lesson'], 'unknown lesson'],
        [['trace', '--model'], '--model needs a value'],
        [['trace', 'coat', '--lang', 'fr'], '--lang must be en or zh'],
        [['train', '--lr', '-1', '--save', save], '--lr must be a number > 0'],
        [['train', '--lr', '0', '--save', save], '--lr must be a number > 0'],
        [['train', '--batch', '0', '--save', save], '--batch must be an integer in 1..'],
        [['train', '--layers', '784,0,10', '--save', save], '--layers must be comma-separated integers in 1..4096'],
        [['train', '--layers', '784,4097,10', '--save', save], '--layers must be comma-separated integers in 1..4096'],
        [['train', '--layers', '100,10', '--epochs', '1', '--save', save], '--layers starts with 100 inputs'],
        [['train', '--data', path.join(tmp, 'nowhere'), '--save', save], 'nowhere: not a directory'],
        [['train', '--dropout', '1', '--save', save], '--dropout must be'],
        [['train', '--save', path.join(tmp, 'no', 'dir', 'm.json')], 'no directory'],
        [['bench', '--frob'], 'unknown flag --frob'],
        [['frobnicate'], 'unknown command'],
        [[], 'no command given'],
      ];
      for (const [args, expect] of cases) {
        const r = run(runner, args);
        const what = `${runner.name} ${args.join(' ')}`;
        assert.equal(r.code, 2, `${what}: exit ${r.code}\n${r.stderr}`);
        assert.equal(r.stdout, '', `${what}: wrote to stdout`);
        const first = r.stderr.split('\n')[0];
        assert.match(first, /^nnlab-cli( \w+)?: error: /, what);
        assert.ok(first.includes(expect), `${what}: ${first}`);
        assert.ok(r.stderr.includes('usage: nnlab-cli'), `${what}: no usage`);
      }
      assert.ok(!fs.existsSync(save) && !fs.existsSync(save + '.tmp'), 'a failed run wrote a model');
    });
  });
}

// ---- training: real data, both builds, same seed ------------------------------------------------
// 784-64-10, Adam 1e-3, batch 64, 3 epochs on the first 5,000 training images, tested on the
// first 2,000 test images. Measured here: test accuracy 0.8115 (native and wasm alike); the
// threshold leaves a margin for other machines' float rounding (FMA natively, none in wasm).
const kFashionArgs = ['train', '--data', fashion, '--layers', '784,64,10', '--epochs', '3', '--limit-train', '5000',
  '--limit-test', '2000', '--seed', '1', '--json'];
const kMinFashionAccuracy = 0.78;

test.describe('nnlab-cli train on Fashion-MNIST', { skip: !haveFashion && `${fashion} not installed` }, () => {
  const results = {};
  for (const runner of runners) {
    test(`${runner.name}: reaches ${kMinFashionAccuracy} test accuracy and saves a model that traces`, () => {
      const save = path.join(tmp, `fashion-${runner.name}.json`);
      const r = run(runner, [...kFashionArgs, '--save', save]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
      const out = JSON.parse(r.stdout);
      for (const key of ['train_loss', 'train_accuracy', 'test_loss', 'test_accuracy', 'samples_per_s', 'seconds', 'epochs'])
        assert.equal(typeof out[key], 'number', key);
      assert.equal(out.train_samples, 5000);
      assert.equal(out.test_samples, 2000);
      assert.equal(out.epochs, 3);
      assert.equal(out.state, 'finished');
      assert.ok(out.test_accuracy >= kMinFashionAccuracy, `test accuracy ${out.test_accuracy}`);
      assert.ok(out.train_accuracy >= kMinFashionAccuracy, `train accuracy ${out.train_accuracy}`);
      assert.ok(out.history[2].train_loss < out.history[0].train_loss, 'the loss went down');
      results[runner.name] = out;

      const model = JSON.parse(fs.readFileSync(save, 'utf8'));
      assert.equal(model.format, 'nnlab-model');
      assert.deepEqual(model.layers.map((l) => [l.inputs, l.outputs, l.activation]), [[784, 64, 'relu'], [64, 10, 'softmax']]);
      assert.equal(model.training.test_accuracy, out.test_accuracy);
      const input = new Array(784).fill(0.5).join(',');
      const t = runJson(runner, ['trace', '--model', save, '--input', input, '--target', '3']);
      assert.equal(t.output.length, 10);
      assert.ok(Math.abs(t.output.reduce((a, b) => a + b, 0) - 1) < 1e-5, 'softmax sums to 1');
      assert.equal(t.grads[0].dW.length, 64);
      assert.equal(t.grads[0].dW[0].length, 784);
    });
  }
  test('native and wasm agree for the same seed', (t) => {
    if (!results.native || !results.wasm) return t.skip('a build did not finish');
    const a = results.native, b = results.wasm;
    assert.ok(Math.abs(a.test_accuracy - b.test_accuracy) <= 0.005, `${a.test_accuracy} vs ${b.test_accuracy}`);
    assert.ok(Math.abs(a.train_loss - b.train_loss) <= 1e-3 * Math.max(1, a.train_loss), `${a.train_loss} vs ${b.train_loss}`);
    assert.ok(Math.abs(a.test_loss - b.test_loss) <= 1e-3 * Math.max(1, a.test_loss), `${a.test_loss} vs ${b.test_loss}`);
  });
});

test.describe('nnlab-cli train on the embedded MNIST digits, and bench', () => {
  for (const runner of runners) {
    test(`${runner.name}: embedded data trains; bench --quick prints the JSON shape`, () => {
      // Measured: test accuracy 0.844 on the 2,004 embedded test digits.
      const out = runJson(runner, ['train', '--layers', '784,32,10', '--epochs', '3', '--limit-train', '2000', '--seed', '3']);
      assert.equal(out.data, 'embedded');
      assert.equal(out.train_samples, 2000);
      assert.equal(out.test_samples, 2004);
      assert.ok(out.test_accuracy > 0.78, `test accuracy ${out.test_accuracy}`);
      const b = runJson(runner, ['bench', '--quick']);
      assert.deepEqual(b.train.map((x) => [x.layers, x.batch, x.optimizer]), [['784-128-10', 64, 'adam'], ['784-16-16-10', 64, 'adam']]);
      assert.deepEqual(b.inference.map((x) => x.layers), ['784-128-10', '784-16-16-10']);
      for (const x of [...b.train, ...b.inference]) assert.ok(x.samples_per_s > 0);
      assert.ok(b.gemm_gflops > 0);
      assert.equal(b.simd, runner.name === 'wasm' ? 'wasm128' : b.simd);
      assert.match(b.simd, /^(wasm128|avx512|avx2|sse|neon|scalar)/);
    });
  }
});

test.describe('nnlab-cli search: the lab\'s search, the same runs natively and in WebAssembly', () => {
  const args = ['search', '--lab', 'subset=1k&arch=784-16-10&opt=adam', '--method', 'random', '--runs', '4',
    '--epochs', '2', '--seed', '11', '--lr', '0.0003..0.03', '--batch', '16,32'];
  const results = {};
  for (const runner of runners) {
    test(`${runner.name}: runs scored on validation, the best chosen by it, the test digits measured only for it`, () => {
      const out = runJson(runner, args);
      assert.equal(out.runs.length, 4);
      assert.equal(out.validation_count, 200, 'a fifth of the 1,000 training digits');
      assert.equal(out.train_count, 800);
      for (const r of out.runs) {
        assert.equal(r.status, 'done');
        assert.equal(r.epochs, 2);
        assert.ok([16, 32].includes(r.settings.batch));
        assert.ok(r.settings.lr >= 0.0003 && r.settings.lr <= 0.03);
      }
      const top = Math.max(...out.runs.map((r) => r.val_accuracy));
      assert.equal(out.runs[out.best].val_accuracy, top);
      assert.ok(out.best_test_accuracy > 0.5, String(out.best_test_accuracy));
      results[runner.name] = out;
    });
  }
  test('native and wasm: the same draws and the same scores from the same seed', (t) => {
    if (!results.native || !results.wasm) return t.skip('a build did not finish');
    assert.deepEqual(results.wasm.runs, results.native.runs);
    assert.equal(results.wasm.best, results.native.best);
  });
  test('native: bad search flags exit 2 with the reason', () => {
    const r = run(runners[0], ['search', '--lr', '0.1..0.001']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--lr: lr must be a range/);
    assert.equal(r.stdout, '');
  });
});
