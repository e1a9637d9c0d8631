const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Runs after the new account is saved.
async function completeSignup(user) {
  await cio.track(user.id, { name: 'signed_up', data: { plan: user.plan } });
  await cio.identify(user.id, { email: user.email, plan: user.plan });
}

// Called when Customer.io reports a hard bounce for this person.
function stopEmailing(userId) {
  return cio.suppress(userId);
}

module.exports = { completeSignup, stopEmailing };
