const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Called when a subscription renews.
async function recordRenewal(subscription) {
  await cio.track(subscription.customerId, {
    name: 'subscription_renewed',
    data: {
      plan: subscription.plan,
      renews_at: Math.floor(new Date(subscription.nextRenewal).getTime() / 1000),
    },
  });
}

module.exports = { recordRenewal };
