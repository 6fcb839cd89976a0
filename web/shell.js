// nnlab's page glue: checks the browser can run the app, shows download progress, loads the
// WebAssembly module, and exposes window.nnlab = { state(), command(text), ready }.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const canvas = $('canvas');

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
    if (typeof WebAssembly !== 'object') return 'This browser has no WebAssembly.';
    try { if (!WebAssembly.validate(simdProbe)) return 'This browser has no WebAssembly SIMD (128-bit).'; }
    catch (e) { return 'This browser has no WebAssembly SIMD (128-bit).'; }
    const probe = document.createElement('canvas');
    if (!probe.getContext('webgl2')) return 'WebGL2 is not available (it may be disabled, or the GPU blocklisted).';
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

  const problem = missingFeature();
  if (problem) { showError(problem); rejectReady(new Error(problem)); return; }

  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    showError: (message) => { showError(message); rejectReady(new Error(message)); },
    onFirstFrame: () => { $('loading').hidden = true; canvas.focus(); resolveReady(window.nnlab); },
    onAbort: (what) => showError('nnlab stopped: ' + what),
    instantiateWasm(imports, done) {
      setProgress('Downloading nnlab.wasm…', 0);
      fetchWithProgress('nnlab.wasm', (got, total) => {
        const mb = (got / 1048576).toFixed(1);
        setProgress('Downloading nnlab.wasm… ' + mb + ' MB', total ? got / total : undefined);
      })
        .then((bytes) => { setProgress('Starting…'); return WebAssembly.instantiate(bytes, imports); })
        .then((result) => done(result.instance, result.module))
        .catch((e) => { showError('Loading failed: ' + e.message); rejectReady(e); });
      return {};
    },
  };
  // Files from the picker or dropped on the page: gzip is inflated here (DecompressionStream), so
  // the C++ side never needs zlib in the browser; then each file goes to nnlab_open_file.
  async function inflateIfGzip(name, bytes) {
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || typeof DecompressionStream === 'undefined') return [name, bytes];
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return [name.replace(/\.gz$/i, ''), new Uint8Array(await new Response(stream).arrayBuffer())];
  }
  async function deliverFiles(files) {
    for (const file of files) {
      try {
        const [name, bytes] = await inflateIfGzip(file.name, new Uint8Array(await file.arrayBuffer()));
        const ptr = Module._malloc(Math.max(1, bytes.length));
        Module.HEAPU8.set(bytes, ptr);
        const message = Module.ccall('nnlab_open_file', 'string', ['string', 'number', 'number'], [name, ptr, bytes.length]);
        Module._free(ptr);
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

  window.addEventListener('hashchange', () => {
    const message = window.nnlab.command('link ' + location.hash);
    if (message) console.warn('nnlab: ' + message);
  });
  window.addEventListener('error', (e) => { if (e.message && /nnlab|wasm|Aborted/i.test(e.message)) showError(e.message); });

  const script = document.createElement('script');
  script.src = 'nnlab.js';
  script.onerror = () => showError('Loading failed: nnlab.js could not be downloaded.');
  document.body.appendChild(script);
})();
