const { TrackClient, RegionUS } = require('customerio-node');
const { markUndeliverable } = require('./users');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Runs after the new account is saved.
async function completeSignup(user) {
  await cio.track(user.id, { name: 'signed_up', data: { plan: user.plan } });
  await cio.identify(user.id, { email: user.email, plan: user.plan });
}

// Bounce handling, the subject of lesson CIO008 (not of this one).
async function onReportingWebhook(event) {
  if (event.metric === 'bounced') await markUndeliverable(event.data.customer_id);
}

module.exports = { completeSignup, onReportingWebhook };
