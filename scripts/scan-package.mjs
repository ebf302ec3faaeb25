// The community package scanner's own checks, offline: its analyzePackage on the source tree and
// on the unpacked `npm pack` tarball (the published scanner CLI only takes registry names).
// Usage: node scripts/scan-package.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve('.');
const packDir = mkdtempSync(join(tmpdir(), 'amplitude-pack-'));
execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
	cwd: root,
	stdio: ['ignore', 'ignore', 'inherit'],
});
const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
execFileSync('tar', ['xzf', join(packDir, tarball), '-C', packDir]);

let failed = false;
for (const [leg, dir, patterns] of [
	['source', root, SOURCE_FILE_PATTERNS],
	[`tarball ${tarball}`, join(packDir, 'package'), ['**/*.js', 'package.json']],
]) {
	const result = await analyzePackage(dir, patterns);
	console.log(`scanner (${leg}): ${result.passed ? 'PASSED' : `FAILED: ${result.message}`}`);
	if (!result.passed) {
		console.log(result.details ?? '');
		failed = true;
	}
}
process.exit(failed ? 1 : 0);
