#!/usr/bin/env node
// Installs the Colyseus 0.17 client line into its own folder (test/clients/colyseus-0.17) before the
// tests: its peer @colyseus/core 0.17 cannot share node_modules with the 0.18 line. Skipped when present.
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', 'test', 'clients', 'colyseus-0.17');
const marker = path.join(dir, 'node_modules', '@colyseus', 'redis-presence', 'package.json');
if (!fs.existsSync(marker)) {
  const cmd = fs.existsSync(path.join(dir, 'package-lock.json')) ? 'npm ci' : 'npm install';
  console.log(`installing the Colyseus 0.17 test clients (${cmd} in ${path.relative(process.cwd(), dir)})`);
  execSync(`${cmd} --no-audit --no-fund --loglevel=error`, { cwd: dir, stdio: 'inherit' });
}
