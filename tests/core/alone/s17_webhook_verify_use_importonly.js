const app = require('./app');
const {verifyCioSignature} = require('./middleware/verify');
app.use(verifyCioSignature);
app.post('/webhooks/cio', (req, res) => {
  if (req.body.metric === 'bounced') console.log(req.body.data);
  res.sendStatus(200);
});
