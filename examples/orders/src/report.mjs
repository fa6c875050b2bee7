// Runs nightly from the schedule; the input is the event's Input ({"kind":"nightly"}).
export const handler = async (event) => {
  console.log(`report ${event.kind ?? 'ad hoc'} for stage ${process.env.STAGE}`);
  return { ok: true };
};
