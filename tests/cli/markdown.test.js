// The take-away Markdown (nnlab-cli trace LESSON --markdown) read by Debian's pandoc: every $…$ and
// $$…$$ of every built-in lesson's export, in English and Chinese, parses as math (none is left as
// text with a dollar in it), and the numbers in it are the core's (trace --json of the same lesson).
// Binary: NNLAB_CLI_NATIVE (default build/native/nnlab-cli). Run: node --test tests/cli/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const cli = process.env.NNLAB_CLI_NATIVE || path.join(root, 'build', 'native', 'nnlab-cli');
const LESSONS = ['umbrella', 'coat', 'two-by-two', 'backprop-coat', 'backprop-sigmoid', 'backprop-softmax', 'mnist-anatomy'];

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 60000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// Every node of pandoc's JSON tree: Math nodes (inline and display) and the text left over.
function walk(node, out) {
  if (Array.isArray(node)) { for (const n of node) walk(n, out); return; }
  if (!node || typeof node !== 'object') return;
  if (node.t === 'Math') out.math.push({ display: node.c[0].t === 'DisplayMath', tex: node.c[1] });
  else if (node.t === 'Str') out.text.push(node.c);
  else if (node.t === 'Code' || node.t === 'CodeBlock') out.text.push(node.c[1]);
  if (node.c !== undefined) walk(node.c, out);
  if (node.blocks) walk(node.blocks, out);
}

for (const lang of ['en', 'zh']) {
  test(`pandoc reads every formula of every lesson's Markdown as math (${lang})`, () => {
    for (const lesson of LESSONS) {
      const md = run(cli, ['trace', lesson, '--markdown', '--lang', lang]);
      const inline = (md.replace(/\$\$[^$]*\$\$/g, '').match(/\$[^$\n]+\$/g) || []).length;
      const display = (md.match(/\$\$[^$]+\$\$/g) || []).length;
      assert.ok(inline + display > 2, `${lesson}: formulas in the export`);
      const doc = JSON.parse(run('pandoc', ['-f', 'markdown', '-t', 'json'], md));
      const out = { math: [], text: [] };
      walk(doc.blocks, out);
      assert.equal(out.math.filter((m) => m.display).length, display, `${lesson}: every $$…$$ is display math`);
      assert.equal(out.math.filter((m) => !m.display).length, inline, `${lesson}: every $…$ is inline math`);
      const stray = out.text.filter((t) => t.includes('$'));
      assert.deepEqual(stray, [], `${lesson}: no dollar left in the text`);
      // pandoc's LaTeX writer takes every formula: a LaTeX error would show as raw text
      run('pandoc', ['-f', 'markdown', '-t', 'latex'], md);
    }
  });
}

test('the Markdown carries the core\'s numbers: each step\'s exact value from trace --json', () => {
  for (const lesson of ['umbrella', 'coat', 'backprop-coat', 'backprop-softmax']) {
    const md = run(cli, ['trace', lesson, '--markdown']);
    const json = JSON.parse(run(cli, ['trace', lesson, '--json']));
    const steps = json.steps || json.lesson?.steps;
    assert.ok(Array.isArray(steps) && steps.length > 3, `${lesson}: steps in the JSON`);
    let found = 0;
    for (const s of steps) {
      if (!Array.isArray(s.values) || s.values.length !== 1 || ['note', 'decision', 'output'].includes(s.kind)) continue;
      // the export writes the value at full float precision ("exact value: −3.5"), with a true minus
      const v = Math.fround(s.values[0]);
      const texts = [String(v), String(Number(v.toPrecision(7))), String(Number(v.toPrecision(8))), String(Number(v.toPrecision(9)))]
        .map((t) => t.replace('-', '−'));
      assert.ok(texts.some((t) => md.includes(t)), `${lesson}: ${s.text} — ${texts.join(' / ')} in the Markdown`);
      found++;
    }
    assert.ok(found > 3, `${lesson}: values checked`);
  }
});

test('trace prints the gradient check: every parameter\'s finite difference beside backprop, agreeing below 1e-3', () => {
  for (const lesson of ['backprop-coat', 'backprop-sigmoid', 'backprop-softmax']) {
    const out = run(cli, ['trace', lesson]);
    const lines = out.split('\n').filter((l) => /: finite difference .*, backprop .*, relative error /.test(l));
    const json = JSON.parse(run(cli, ['trace', lesson, '--json']));
    const params = json.grads.reduce((n, l) => n + l.dW.flat().length + l.db.length, 0);
    assert.ok(json.gradient_check.max_rel_error < 1e-3, `${lesson}: --json's gradient_check`);
    json.grads.forEach((l) => l.db.forEach((g, k) => assert.ok(Math.abs(g - l.db_numeric[k]) <= 1e-3 * Math.max(1e-6, Math.abs(g)), `${lesson}: db ${g} vs ${l.db_numeric[k]}`)));
    assert.equal(lines.length, params, `${lesson}: one line per parameter`);
    for (const l of lines) {
      const m = l.match(/relative error ([0-9.]+)(?: × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?/);
      assert.ok(m, l);
      const digits = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };
      const exp = m[2] ? Number([...m[2]].map((c) => digits[c]).join('')) : 0;
      assert.ok(Number(m[1]) * 10 ** exp < 1e-3, `${lesson}: ${l}`);
    }
  }
});
