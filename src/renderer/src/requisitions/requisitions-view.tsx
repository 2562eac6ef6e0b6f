export function RequisitionsView() {
  return (
    <section className="view" aria-labelledby="requisitions-title">
      <header className="view__header view__header--stacked">
        <h1 id="requisitions-title">Requisitions</h1>
        <p className="view__lede">
          Open roles will live here: each with its intake meeting, the rubric drafted from it, and the interviews scored against
          that rubric. Until then, find every conversation under Interviews.
        </p>
      </header>
      <div className="empty-state">
        <p>No requisitions yet.</p>
      </div>
    </section>
  );
}
