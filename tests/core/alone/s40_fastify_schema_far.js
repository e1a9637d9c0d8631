const {TrackClient} = require('customerio-node');
const fastify = require('fastify')();
const cio = new TrackClient(process.env.S, process.env.K);
const schema = {
  body: {type: 'object', properties: {event: {enum: ['signup', 'login']}}}
};
fastify.post('/track', {schema}, async (req) => {
  await cio.track(req.body.id, {name: req.body.event});
  return {};
});
