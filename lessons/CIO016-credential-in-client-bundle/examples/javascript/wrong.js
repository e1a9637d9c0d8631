'use client';
// The plan picker tells Customer.io which plan the person chose.
import { useState } from 'react';
import { TrackClient, RegionUS } from 'customerio-node';

const cio = new TrackClient(process.env.NEXT_PUBLIC_CUSTOMERIO_SITE_ID, process.env.NEXT_PUBLIC_CUSTOMERIO_API_KEY, {
  region: RegionUS,
});

export function SignupForm({ userId }) {
  const [plan, setPlan] = useState('free');

  async function submit(event) {
    event.preventDefault();
    await cio.track(userId, { name: 'plan_selected', data: { plan } });
  }

  return (
    <form onSubmit={submit}>
      <select value={plan} onChange={(e) => setPlan(e.target.value)}>
        <option value="free">Free</option>
        <option value="pro">Pro</option>
      </select>
      <button type="submit">Sign up</button>
    </form>
  );
}
