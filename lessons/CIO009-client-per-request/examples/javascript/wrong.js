const { TrackClient, RegionUS } = require('customerio-node');

// Runs after every successful login.
async function recordLogin(user, method) {
  const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
    region: RegionUS,
  });
  await cio.track(user.id, { name: 'logged_in', data: { method } });
}

module.exports = { recordLogin };
