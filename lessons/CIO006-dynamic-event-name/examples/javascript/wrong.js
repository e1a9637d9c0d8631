const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Runs when billing confirms a plan change.
async function recordUpgrade(user, plan) {
  await cio.track(user.id, {
    name: `upgraded_to_${plan}`,
    data: { previous_plan: user.plan },
  });
}

module.exports = { recordUpgrade };
