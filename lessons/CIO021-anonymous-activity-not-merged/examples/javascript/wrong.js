const { TrackClient, RegionUS } = require('customerio-node');
const { markUndeliverable } = require('./users');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Visitors are tracked by their cookie id before they sign up.
async function pricingViewed(visitorId, plan) {
  await cio.trackAnonymous(visitorId, { name: 'pricing_viewed', data: { plan } });
}

async function signedUp(user, visitorId) {
  await cio.identify(user.id, { email: user.email, plan: user.plan });
}

// Bounce handling, the subject of lesson CIO008 (not of this one).
async function onReportingWebhook(event) {
  if (event.metric === 'bounced') await markUndeliverable(event.data.customer_id);
}

module.exports = { pricingViewed, signedUp, onReportingWebhook };
