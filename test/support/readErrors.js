// What the node tells users about each of Amplitude's read errors (NodeApiError descriptions), for
// the tests of the read operations' error paths.
const READ_ERROR_DESCRIPTIONS = {
	invalid: 'Amplitude rejected the request as invalid. Check the parameters named in the message.',
	dashboardKeys:
		'The Dashboard REST API refused the API key and secret key. Check both keys in the credential (Settings → Projects → your project → General) and that Region (US or EU) is where the project stores its data; keys of an EU project fail on the US hosts and the other way round.',
	profileKey:
		'The User Profile API refused the secret key (sent as "Authorization: Api-Key <secret key>"). Check the Secret Key in the credential (Settings → Projects → your project → General); the API is US-only.',
	notFound:
		'Amplitude has no such endpoint at this address. Check the credential region, and the URLs if the region is custom.',
	rateLimit:
		"Amplitude's rate limit for this project was hit (5 concurrent Dashboard requests, 360 user searches or activity queries per hour, and a query cost budget). Wait and run again, or query less at once.",
	serverError:
		'Amplitude had a server error and retries did not get through. Try again later, or allow more attempts in Options → Max Attempts.',
	tooLarge:
		'The query was too large for Amplitude to answer in time. Shorten the date range or remove the group-by.',
	noAnswer:
		'The request got no answer after all retries. Check the network and the credential region or custom URLs.',
};

module.exports = { READ_ERROR_DESCRIPTIONS };
