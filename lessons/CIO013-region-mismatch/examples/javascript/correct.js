const { TrackClient, APIClient, RegionEU } = require('customerio-node');

// The account is in the EU region.
const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionEU,
});
const api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY, { region: RegionEU });

// Called when a new release is published.
async function announceRelease(release) {
  await cio.track(release.authorId, { name: 'release_published', data: { version: release.version } });
  await api.triggerBroadcast(12, { version: release.version });
}

module.exports = { announceRelease };
