import {APIClient, SendEmailRequest} from 'customerio-node';
const api = new APIClient(process.env.APP_KEY!);
export = {
  send: (req: any) =>
      api.sendEmail(new SendEmailRequest({to: req.body.to, transactional_message_id: '1', identifiers: {id: '1'}}))
};
