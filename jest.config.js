// Tests are plain JavaScript against the built dist/, so `n8n-node lint` (TypeScript only) and the
// package scanner see just the shipped code.
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testTimeout: 60_000,
};
