const { TrackClient, RegionUS } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Called after a new project is created.
async function recordProjectCreated(user, project) {
  await cio.track(user.id, { name: 'project_created', data: { project_id: project.id } });
}

module.exports = { recordProjectCreated };
