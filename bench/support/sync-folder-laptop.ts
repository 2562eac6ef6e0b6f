// One laptop of `bench/sync-folder`, as its own process so it can be SIGKILLed and given a skewed clock:
//   node --import tsx bench/support/sync-folder-laptop.ts STORE FOLDER NAME SKEW_MS OPS
// Makes OPS candidates named `NAME-<i>` (continuing after a restart), moves every fifth one's stage,
// and syncs through the folder every few edits; a sync that fails (the folder gone) is logged and the
// laptop goes on working.
const [store, folder, name, skew, ops] = process.argv.slice(2) as [string, string, string, string, string];
const realNow = Date.now.bind(Date);
// The skewed clock, set before anything reads it.
Date.now = () => realNow() + Number(skew);

const { openDatabase } = await import('../../src/db/open-database.js');
const { createCandidate, updateCandidate } = await import('../../src/db/repositories/candidates-repository.js');
const { syncSharedFolder } = await import('../../src/db/sync/shared-folder.js');

const db = await openDatabase(store);
const home = store.replace(/\/[^/]+$/, '');
const own = await db.selectFrom('candidates').select(['id', 'name']).where('name', 'like', `${name}-%`).execute();
const made = own.map((c) => c.id);
for (let i = own.length; i < Number(ops); i += 1) {
  const c = await createCandidate(db, { name: `${name}-${i}`, stage: 'Applied' });
  made.push(c.id);
  if (i % 5 === 4) await updateCandidate(db, made[Math.floor(made.length / 2)]!, { stage: `Moved by ${name} at ${i}` });
  if (i % 10 === 9) {
    try {
      await syncSharedFolder(db, { folder, home });
    } catch (error) {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  process.stdout.write(`op ${i}\n`);
}
await db.destroy();
process.stdout.write('done\n');
