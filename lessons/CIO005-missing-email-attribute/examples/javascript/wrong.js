const { TrackClient, RegionUS } = require('customerio-node');

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

// Called when Customer.io reports a hard bounce for this person.
function stopEmailing(userId) {
  return cio.suppress(userId);
}

module.exports = { syncProfile, stopEmailing };
