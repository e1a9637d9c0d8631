const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Called by the billing worker after every renewal.
function recordRenewal(subscription) {
  cio.track(subscription.customerId, {
    name: 'subscription_renewed',
    data: { plan: subscription.plan, amount: subscription.amount },
  });
}

module.exports = { recordRenewal };
