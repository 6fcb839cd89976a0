// nnlab's page glue: checks the browser can run the app, shows download progress, loads the
// WebAssembly module, and exposes window.nnlab = { state(), command(text), ready }. Its texts come
// from the app's string tables (shell-text.js, generated from src/text/strings at build time), in
// the language the app will start in: the link's lang=, else the stored choice, else the browser's.
// In Chinese the page also fetches the Chinese font (ui-zh.ttf.gz) before the app starts, so the
// first frame is already Chinese; in English it is fetched only if the learner switches.
// Downloads (all gzip, inflated here with DecompressionStream, so the page transfers ≤ 3 MB):
// nnlab.wasm.gz (falls back to nnlab.wasm) and the MNIST digits mnist-embedded.bin.gz, in
// parallel with one progress bar; the digits go to the app after its first frame as
// "mnist-embedded.bin" (nnlab_open_file), and window.nnlab.data says how that went.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const canvas = $('canvas');

  // The language, chosen as the app will choose it (src/app/app.cpp, App::init and apply_link).
  function startLanguage() {
    const fromLink = new URLSearchParams(location.hash.slice(1)).get('lang');
    let stored = null;
    try { stored = localStorage.getItem('nnlab.lang'); } catch (e) {}
    const browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    const isZh = (code) => /^zh([-_.@]|$)/i.test(code || '');
    const pick = (code) => (isZh(code) ? 'zh' : /^en([-_.@]|$)/i.test(code || '') ? 'en' : null);
    return pick(fromLink) || pick(stored) || (browser.some(isZh) ? 'zh' : 'en');
  }
  const lang = startLanguage();
  const texts = (window.nnlabShellText && window.nnlabShellText[lang]) || {};
  const say = (key) => texts[key.slice('shell.'.length)] || key;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = say('shell.title');
  $('loading-text').textContent = say('shell.loading');
  $('error-title').textContent = say('shell.error_title');
  $('error-hint').textContent = say('shell.error_hint');

  function showError(message) {
    $('loading').hidden = true;
    $('error-text').textContent = message;
    $('error').hidden = false;
    canvas.style.display = 'none';
    console.error('nnlab: ' + message);
  }
  function setProgress(text, fraction) {
    $('loading-text').textContent = text;
    if (fraction === undefined) $('loading-bar').removeAttribute('value');
    else $('loading-bar').value = fraction;
  }

  // i32.const 0; i8x16.splat; i8x16.popcnt: validates only where WebAssembly SIMD128 is supported.
  const simdProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
    10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
  function missingFeature() {
    if (typeof WebAssembly !== 'object') return say('shell.no_wasm');
    try { if (!WebAssembly.validate(simdProbe)) return say('shell.no_simd'); }
    catch (e) { return say('shell.no_simd'); }
    const probe = document.createElement('canvas');
    if (!probe.getContext('webgl2')) return say('shell.no_webgl2');
    return null;
  }

  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  ready.catch(() => {});

  window.nnlab = {
    ready,
    state() { return JSON.parse(Module.ccall('nnlab_state', 'string', [], [])); },
    // Returns '' on success, or a readable error message.
    command(text) { return Module.ccall('nnlab_command', 'string', ['string'], [String(text)]); },
  };

  // Downloads a file with a progress callback (bytes so far, total or 0).
  async function fetchWithProgress(url, onProgress) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(received, total);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const c of chunks) { bytes.set(c, offset); offset += c.length; }
    return bytes;
  }

  // Inflates gzip bytes with the browser's DecompressionStream.
  async function gunzip(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  const problem = missingFeature();
  if (problem) { showError(problem); rejectReady(new Error(problem)); return; }

  // Both downloads start now, before nnlab.js, so they overlap its download and start-up.
  const progress = { wasm: [0, 0], data: [0, 0] };  // [bytes so far, total or 0 while unknown]
  let loading = true;
  function showProgress() {
    if (!loading) return;
    const got = progress.wasm[0] + progress.data[0];
    const known = progress.wasm[1] && progress.data[1];
    setProgress(say('shell.downloading').replace('{mb}', (got / 1048576).toFixed(1)),
      known ? got / (progress.wasm[1] + progress.data[1]) : undefined);
  }
  const track = (key) => (got, total) => { progress[key] = [got, total]; showProgress(); };
  const wasmBytes = (async () => {
    if (typeof DecompressionStream !== 'undefined') {
      try { return await gunzip(await fetchWithProgress('nnlab.wasm.gz', track('wasm'))); }
      catch (e) { console.warn('nnlab: nnlab.wasm.gz failed (' + e.message + '), loading nnlab.wasm'); }
    }
    return fetchWithProgress('nnlab.wasm', track('wasm'));
  })();
  // The Chinese font: now if the app starts in Chinese, else when it asks (Module.fetchCjkFont).
  let cjkFont = null, started = false;  // started: the app has drawn (it takes the font itself before)
  let halted = false;  // the module stopped (an abort or a trap): said once
  function fetchCjkFont() {
    if (!cjkFont) {
      cjkFont = fetchWithProgress('ui-zh.ttf.gz', () => {}).then(gunzip);
      cjkFont.then((bytes) => { Module.nnlabCjkFont = bytes; if (started) deliverBytes('ui-zh.ttf', bytes); })
        .catch((e) => { cjkFont = null; console.warn('nnlab: the Chinese font could not be downloaded: ' + e.message); });
    }
    return cjkFont;
  }
  if (lang === 'zh') fetchCjkFont();
  const dataStart = performance.now();
  const dataBytes = (async () => {
    if (typeof DecompressionStream === 'undefined') throw new Error('this browser has no DecompressionStream');
    return gunzip(await fetchWithProgress('mnist-embedded.bin.gz', track('data')));
  })();
  dataBytes.catch(() => {});
  window.nnlab.data = { name: 'mnist-embedded.bin', bytes: 0, gzBytes: 0, ms: 0, delivered: false, message: '' };

  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    showError: (message) => { showError(message); rejectReady(new Error(message)); },
    onFirstFrame: () => {
      loading = false;
      started = true;
      window.nnlab.firstFrameMs = performance.now();  // since navigation started
      $('loading').hidden = true;
      canvas.focus();
      window.nnlabInput.start();  // web/input.js: pointer, wheel and the on-screen keyboard from now on
      resolveReady(window.nnlab);
      deliverData();
    },
    // The app stopped after it had started (out of memory, a fault): say so in plain words and
    // offer to reload; the settings it stored as they changed and the link come back with it.
    onAbort: (what) => {
      // once: emscripten's abort() calls this and then throws, and the error event would again
      if (halted) return;
      halted = true;
      showError(say('shell.stopped').replace('{what}', what));
      if (!started) return;
      $('error-title').textContent = say('shell.stopped_title');
      $('error-hint').textContent = say('shell.stopped_hint');
      const reload = $('error-reload');
      reload.textContent = say('shell.reload');
      reload.hidden = false;
      reload.onclick = () => location.reload();
      reload.focus();
    },
    nnlabLanguage: lang,
    nnlabInput: window.nnlabInput,
    fetchCjkFont,
    instantiateWasm(imports, done) {
      showProgress();
      // In Chinese the app starts once its font is here too (its first frame is Chinese).
      const font = lang === 'zh' ? fetchCjkFont().catch(() => null) : Promise.resolve(null);
      Promise.all([wasmBytes, font])
        .then(([bytes]) => { loading = false; setProgress(say('shell.starting')); return WebAssembly.instantiate(bytes, imports); })
        .then((result) => done(result.instance, result.module))
        .catch((e) => { showError(say('shell.load_failed').replace('{what}', e.message)); rejectReady(e); });
      return {};
    },
  };
  // The MNIST digits, once the app runs (a failed download leaves the app running without them).
  async function deliverData() {
    const d = window.nnlab.data;
    try {
      const bytes = await dataBytes;
      d.bytes = bytes.length;
      d.gzBytes = progress.data[0];
      d.ms = Math.round(performance.now() - dataStart);
      d.message = deliverBytes(d.name, bytes);
      d.delivered = true;
      if (d.message) console.warn('nnlab: ' + d.message);
      else console.log('nnlab: MNIST digits delivered (' + d.bytes + ' bytes, ' + d.gzBytes + ' downloaded)');
    } catch (e) {
      d.message = 'the MNIST digits could not be downloaded: ' + e.message;
      console.warn('nnlab: ' + d.message);
    }
  }
  // Files from the picker or dropped on the page: gzip is inflated here (DecompressionStream), so
  // the C++ side never needs zlib in the browser; then each file goes to nnlab_open_file.
  // Never more than the reader allows (as the desktop's data/idx.cpp): an IDX file's header says
  // how many bytes follow it, and inflation stops one byte past that (the app then refuses the file
  // as longer than announced), and a header that announces more than 256 MiB is all it keeps;
  // anything else stops past 256 MiB. A small gzip bomb costs no more.
  const kMaxInflated = 256 * 1048576;
  const be32 = (b, i) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
  function announcedBytes(head) {  // header + body of an IDX file, or 0 when it is none
    if (head.length >= 16 && be32(head, 0) === 0x803) return 16 + be32(head, 4) * be32(head, 8) * be32(head, 12);
    if (head.length >= 8 && be32(head, 0) === 0x801) return 8 + be32(head, 4);
    return 0;
  }
  async function gunzipBounded(bytes) {
    // Fed a slice at a time: the browser inflates a whole input chunk before anyone reads, and a
    // slice of 16 KB inflates to at most 16 MB (deflate's ratio is ≤ 1032), so a bomb never does.
    const stream = new DecompressionStream('gzip');
    const writer = stream.writable.getWriter(), reader = stream.readable.getReader();
    const kSlice = 16384;
    let stopped = false;
    const feeding = (async () => {
      for (let at = 0; at < bytes.length && !stopped; at += kSlice) {
        await writer.ready;
        if (!stopped) await writer.write(bytes.subarray(at, Math.min(at + kSlice, bytes.length)));
      }
      if (!stopped) await writer.close();
    })().catch(() => {});  // (the reader sees the same error)
    const chunks = [];
    let total = 0, limit = kMaxInflated + 1;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
      if (chunks.length === 1 || total - value.length < 16) {
        const head = chunks.length === 1 ? value : concat(chunks, Math.min(total, 16));
        const announced = announcedBytes(head);
        // more than the page ever inflates: the header alone, which the app refuses by its size
        if (announced) limit = announced > kMaxInflated ? Math.min(head.length, 16) : Math.min(limit, announced + 1);
      }
      if (total >= limit) {
        stopped = true;
        reader.cancel().catch(() => {});
        break;
      }
    }
    await feeding;
    return concat(chunks, Math.min(total, limit));
  }
  function concat(chunks, length) {
    const out = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      if (at >= length) break;
      const part = c.subarray(0, Math.min(c.length, length - at));
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
  async function inflateIfGzip(name, bytes) {
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || typeof DecompressionStream === 'undefined') return [name, bytes];
    return [name.replace(/\.gz$/i, ''), await gunzipBounded(bytes)];
  }
  // Hands one file's bytes to the app; returns '' or its message.
  function deliverBytes(name, bytes) {
    const ptr = Module._malloc(Math.max(1, bytes.length));
    if (!ptr) return name + ': out of memory';
    Module.HEAPU8.set(bytes, ptr);  // Module.HEAPU8: the current view, even after memory growth
    const message = Module.ccall('nnlab_open_file', 'string', ['string', 'number', 'number'], [name, ptr, bytes.length]);
    Module._free(ptr);
    return message;
  }
  async function deliverFiles(files) {
    for (const file of files) {
      try {
        const [name, bytes] = await inflateIfGzip(file.name, new Uint8Array(await file.arrayBuffer()));
        const message = deliverBytes(name, bytes);
        if (message) console.warn('nnlab: ' + message);
      } catch (e) {
        console.warn('nnlab: cannot read ' + file.name + ': ' + e.message);
      }
    }
  }
  Module.pickFiles = (accept, multiple) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.onchange = () => deliverFiles(Array.from(input.files || []));
    input.click();
  };
  window.addEventListener('dragover', (e) => { e.preventDefault(); });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) deliverFiles(Array.from(e.dataTransfer.files));
  });
  window.nnlab.openFiles = deliverFiles;  // scripts and tests: nnlab.openFiles([new File([...], 'x.json')])

  // A link from the URL (an edited hash, Back, Forward): shown in the entry it came from, not pushed
  // as a new one (web.cpp pushes an entry for each new view or lesson the learner opens).
  window.addEventListener('hashchange', () => {
    Module._nnlab_link_from_url();
    const message = window.nnlab.command('link ' + location.hash);
    if (message) console.warn('nnlab: ' + message);
  });
  // A fault in the module once it runs (a trap: memory out of bounds, unreachable) stops it as an
  // abort does: the same words and the reload; before that, the message as it is.
  window.addEventListener('error', (e) => {
    const trap = typeof WebAssembly !== 'undefined' && e.error instanceof WebAssembly.RuntimeError;
    if (started && (trap || /Aborted/.test(e.message || ''))) window.Module.onAbort(e.message || String(e.error));
    else if (e.message && /nnlab|wasm|Aborted/i.test(e.message)) showError(e.message);
  });

  const script = document.createElement('script');
  script.src = 'nnlab.js';
  script.onerror = () => showError(say('shell.load_failed').replace('{what}', 'nnlab.js'));
  document.body.appendChild(script);
})();
