'use client';
// The plan picker tells Customer.io which plan the person chose, through our own server:
// app/api/plan/route.js tracks the event with CUSTOMERIO_SITE_ID and CUSTOMERIO_API_KEY,
// variables that never leave the server.
import { useState } from 'react';

export function SignupForm({ userId }) {
  const [plan, setPlan] = useState('free');

  async function submit(event) {
    event.preventDefault();
    await fetch('/api/plan', { method: 'POST', body: JSON.stringify({ userId, plan }) });
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
