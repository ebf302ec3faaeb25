// Build: clean dist, compile TypeScript, then copy the icons and codex files tsc does not emit.
const { rmSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { src, dest, series } = require('gulp');

function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

function compile(done) {
	const result = spawnSync(
		process.execPath,
		[require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'],
		{
			stdio: 'inherit',
		},
	);
	done(result.status === 0 ? undefined : new Error('tsc failed'));
}

function copyIcons() {
	return src(['icons/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
exports.build = series(clean, compile, copyIcons);
