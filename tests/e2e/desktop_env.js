// The environment the desktop app runs in under test: English (LANG=C.UTF-8) and a settings folder
// of its own (XDG_CONFIG_HOME), so a language or lab setting chosen in one run — or on this
// machine — never leaks into another. Each call makes a fresh folder; the OS removes tmp.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function desktopEnv(extra = {}) {
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'nnlab-config-'));
  return { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', XDG_CONFIG_HOME: config, ...extra };
}

module.exports = { desktopEnv };
