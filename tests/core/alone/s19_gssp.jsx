import { useState } from 'react';
import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_TRACK_KEY);
export async function getServerSideProps(ctx) {
  await cio.track(ctx.query.uid, { name: 'page_view' });
  return { props: {} };
}
export default function Page() { const [n] = useState(0); return <p>{n}</p>; }
