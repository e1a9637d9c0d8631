const { TrackClient, RegionUS } = require('customerio-node');
const { markUndeliverable } = require('./users');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Runs whenever a user saves their account settings.
async function syncProfile(user) {
  await cio.identify(user.id, {
    first_name: user.firstName,
    plan: user.plan,
  });
}

// Bounce handling, the subject of lesson CIO008 (not of this one).
async function onReportingWebhook(event) {
  if (event.metric === 'bounced') await markUndeliverable(event.data.customer_id);
}

module.exports = { syncProfile, onReportingWebhook };
