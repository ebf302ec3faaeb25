'use strict';
// What scripts/e2e/trigger-e2e.js and `npm run demo` share to run examples that start with the
// Amplitude Trigger in a started n8n: the webhook credential, a local helpdesk for the example's
// ticket request, how the example is pointed at them, and the events the stand-in pushes to it.
const http = require('node:http');
const { NODE_TYPE, TRIGGER_NODE_TYPE } = require('./n8n');

const HEADER = 'X-Amplitude-Webhook-Secret';

/** The Amplitude Webhook credential to import, with the header Amplitude is set up to send. */
function webhookCredential(id, name, secret) {
	return {
		credential: {
			id,
			name,
			type: 'amplitudeWebhookApi',
			data: { headerName: HEADER, headerValue: secret },
		},
		headers: { [HEADER]: secret },
	};
}

/** A helpdesk stand-in: records each ticket POSTed to it and answers { id: "T-<n>" }. */
async function helpdesk() {
	const tickets = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			tickets.push(JSON.parse(body));
			res.writeHead(201, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ id: `T-${tickets.length}`, status: 'open' }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/api/v2/tickets`,
		tickets,
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

const ref = ({ id, name }) => ({ id, name });

/** Points a trigger example at the credentials and the local helpdesk (in place). */
function prepareTriggerExample(workflow, { webhook, amplitude, helpdeskUrl }) {
	for (const node of workflow.nodes) {
		if (node.type === TRIGGER_NODE_TYPE) node.credentials = { amplitudeWebhookApi: ref(webhook) };
		if (node.type === NODE_TYPE) node.credentials = { amplitudeApi: ref(amplitude) };
		if (node.type === 'n8n-nodes-base.httpRequest') node.parameters.url = helpdeskUrl;
	}
	return workflow;
}

/** A checkout_failed event as the shop sends it to Amplitude (HTTP V2). */
const checkoutFailed = (user, cart, plan, insertId) => ({
	event_type: 'checkout_failed',
	user_id: user,
	insert_id: insertId,
	event_properties: { cart_value: cart, reason: 'card_declined' },
	user_properties: { $set: { plan } },
});

/**
 * What the shop sends for examples/14: one failed checkout worth a ticket, one with a small cart,
 * one on the free plan, and an event the trigger does not listen to.
 */
const CHECKOUT_EVENTS = [
	checkoutFailed('user-00011', 129.5, 'pro', 'shop-1'),
	checkoutFailed('user-00012', 20, 'pro', 'shop-2'),
	checkoutFailed('user-00013', 300, 'free', 'shop-3'),
	{ event_type: 'Open App', user_id: 'user-00011', insert_id: 'shop-4' },
];

module.exports = { HEADER, webhookCredential, helpdesk, prepareTriggerExample, CHECKOUT_EVENTS };
