const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Runs after the new password is saved; a campaign sends the security notice.
async function recordPasswordChange(user) {
  await cio.track(user.id, {
    name: 'password_changed',
    data: { ip_country: user.lastLoginCountry },
  });
}

module.exports = { recordPasswordChange };
