// Runs every operation through n8n's engine in a process of its own, with n8n's log at debug
// level, against a stand-in: succeeding, refused, failing with a 500 and unable to connect, with
// and without continue on error. Prints each run's output, error and stored run data as JSON
// lines; secrets.test.js reads all of this process's output, log lines included.
process.env.N8N_LOG_LEVEL = 'debug';
const { runAmplitude, customCredentials } = require('../support/harness');
const { createAmplitudeServer } = require('../support/amplitude-server');
const { DEFAULT_PROJECT_ID } = require('../support/amplitude-server/project');

const [apiKey, secretKey, deploymentKey] = process.argv.slice(2);

const OPERATIONS = {
	sendEvent: { resource: 'event', operation: 'send', eventType: 'signup', userId: 'user-0001' },
	listEvents: { resource: 'event', operation: 'list' },
	identify: {
		resource: 'user',
		operation: 'identify',
		userId: 'user-0001',
		userProperties: '{"$set":{"plan":"pro"}}',
	},
	groupIdentify: {
		resource: 'group',
		operation: 'identify',
		groupType: 'company',
		groupValue: 'Acme',
		groupProperties: '{"$set":{"tier":"gold"}}',
	},
	search: { resource: 'user', operation: 'search', user: 'user-0001' },
	activity: { resource: 'user', operation: 'getActivity', amplitudeId: '100000001' },
	profile: { resource: 'user', operation: 'getProfile', userId: 'user-0001', getAmpProps: true },
	segmentation: {
		resource: 'analytics',
		operation: 'eventSegmentation',
		eventType: 'signup',
		start: '20261101',
		end: '20261130',
	},
	activeUsers: {
		resource: 'analytics',
		operation: 'activeUsers',
		start: '20261101',
		end: '20261130',
	},
	realtime: { resource: 'analytics', operation: 'realtimeActiveUsers' },
	revenue: { resource: 'analytics', operation: 'revenue', start: '20261101', end: '20261130' },
	cohorts: { resource: 'cohort', operation: 'getMany' },
	cohortMembers: { resource: 'cohort', operation: 'getMembers', cohortId: 'probe01' },
	cohortUpload: {
		resource: 'cohort',
		operation: 'upload',
		name: 'Probe',
		id: 'user-0001',
		owner: 'probe@example.com',
	},
	cohortMembership: {
		resource: 'cohort',
		operation: 'updateMembership',
		cohortId: 'probe01',
		action: 'add',
		id: 'user-0001',
	},
	mapUser: { resource: 'user', operation: 'map', userId: 'user-0001', globalUserId: 'global-0001' },
	deleteUser: { resource: 'user', operation: 'delete', id: 'user-0001' },
	deletionJobs: { resource: 'user', operation: 'getDeletionJobs' },
	// The job Delete put user-0001 (Amplitude ID 100000001) in: the stand-in's, 12 days ahead.
	cancelDeletion: {
		resource: 'user',
		operation: 'cancelDeletion',
		amplitudeId: '100000001',
		jobDay: new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10),
	},
	exportItems: { resource: 'event', operation: 'export', start: '20261101', end: '20261101' },
	exportFile: {
		resource: 'event',
		operation: 'export',
		start: '20261101',
		end: '20261101',
		options: { outputFormat: 'binary' },
	},
	createAnnotation: {
		resource: 'annotation',
		operation: 'create',
		label: 'Deploy',
		start: '2026-11-30T10:00:00Z',
	},
	getAnnotations: { resource: 'annotation', operation: 'getMany', returnAll: true },
	createRelease: {
		resource: 'release',
		operation: 'create',
		version: '1.0.0',
		title: 'First',
		releaseStart: '2026-11-30T10:00:00Z',
	},
	evaluate: { resource: 'experiment', operation: 'evaluate', userId: 'user-0001' },
};

const UNREACHABLE = 'http://127.0.0.1:9';
const CASES = [
	['succeeds', {}, []],
	[
		'is refused',
		{
			apiKey: 'apikey-wrong-0000',
			secretKey: 'secret-wrong-0000',
			deploymentKey: 'deploy-wrong-0000',
		},
		[],
	],
	['meets a server error', {}, [{ kind: 'status', status: 500 }]],
	[
		'cannot connect',
		{
			ingestionUrl: UNREACHABLE,
			dashboardUrl: UNREACHABLE,
			profileUrl: UNREACHABLE,
			experimentUrl: UNREACHABLE,
		},
		[],
	],
];

(async () => {
	// Deletions may follow each other at once here, and cohort files are ready at the first poll.
	const server = createAmplitudeServer({
		apiKey,
		secretKey,
		deploymentKey,
		deletionIntervalMs: 0,
		cohortJobPolls: 0,
	});
	const url = await server.start(0);
	server.cohorts.add({ id: 'probe01', name: 'Probe', members: [100000001] });
	for (const [operation, parameters] of Object.entries(OPERATIONS)) {
		for (const [name, override, faults] of CASES) {
			server.faults.set(faults);
			for (const continueOnFail of [false, true]) {
				const result = await runAmplitude({
					parameters: { ...parameters, options: { ...parameters.options, retryAttempts: 1 } },
					credentials: {
						...customCredentials(url, { apiKey, secretKey, deploymentKey }),
						projectId: DEFAULT_PROJECT_ID,
						...override,
					},
					continueOnFail,
				});
				const { error } = result;
				const errorText = error && `${error.message} ${error.description} ${error.stack}`;
				process.stdout.write(
					`${JSON.stringify({ operation, case: name, continueOnFail, status: result.status, output: result.output, error, errorText, runData: result.run.data })}\n`,
				);
			}
		}
	}
	await server.stop();
})();
