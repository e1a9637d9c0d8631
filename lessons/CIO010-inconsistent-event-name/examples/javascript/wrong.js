const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Runs when billing confirms a cancellation; a win-back campaign listens for it.
async function recordCancellation(subscription) {
  await cio.track(subscription.userId, {
    name: 'Subscription Cancelled',
    data: { plan: subscription.plan, reason: subscription.reason },
  });
}

module.exports = { recordCancellation };
