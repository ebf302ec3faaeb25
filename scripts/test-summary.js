// Prints jest's result file (--json --outputFile) as the closing line CI reads: "N passed, N failed".
const { readFileSync } = require('node:fs');

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const failedSuites = results.testResults.filter(
	(suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
).length;
console.log(`${results.numPassedTests} passed, ${results.numFailedTests + failedSuites} failed`);
process.exit(results.success ? 0 : 1);
