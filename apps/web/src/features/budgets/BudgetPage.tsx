import { Link } from '@tanstack/react-router';
import { Button } from 'react-aria-components';
import { useProjectCostCodes } from '../../api/hooks';
import { useBudget, useEditBudget, useProject } from '../../api/pm';
import type { Budget, Project } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { SendToErp } from '../../components/SendToErp';
import { StateBadge } from '../../components/StateBadge';
import { BudgetChanges } from './BudgetChanges';
import { AddBudgetLine, BudgetLines } from './BudgetLines';

/** A project's budget: lines, lock and unlock, Send to ERP, and its budget changes (BUD-5, BUD-6, BCH-1). */
export function BudgetPage({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  const budget = useBudget(projectId);
  return (
    <>
      <p>
        <Link to="/items/$type" params={{ type: 'project' }} search={{}}>
          ← Projects
        </Link>
      </p>
      <QueryView query={project} what="the project">
        {(p) => (
          <>
            <h1>Budget of {p.number ? `${p.number} ${p.name}` : p.name}</h1>
            <QueryView query={budget} what="the budget">
              {(b) => <BudgetView project={p} budget={b} />}
            </QueryView>
          </>
        )}
      </QueryView>
    </>
  );
}

function BudgetView({ project, budget }: { project: Project; budget: Budget }) {
  const edit = useEditBudget(project.id);
  const costCodes = useProjectCostCodes(project.id);
  return (
    <>
      <div className="card">
        <p>
          {budget.locked ? 'Locked (the approved original budget).' : 'Unlocked: lines can change.'} Sync
          state: <StateBadge state={budget.state} />{' '}
          {budget.spectrumKey && <>Spectrum key {budget.spectrumKey}</>}
        </p>
        {budget.lastError && <p className="error-text">{budget.lastError}</p>}
        <div className="toolbar">
          {budget.locked ? (
            <ActionButton
              action="unlockBudget"
              label="Unlock budget"
              blockedBy={budget.blockedBy}
              isPending={edit.isPending && edit.variables?.action === 'unlock'}
              onPress={() => edit.mutate({ action: 'unlock' })}
            />
          ) : (
            <Button isDisabled={edit.isPending} onPress={() => edit.mutate({ action: 'lock' })}>
              Lock budget
            </Button>
          )}
          <SendToErp item={budget} what="The budget" label="Send budget to ERP" />
        </div>
        <ProblemAlert error={edit.error} heading="The budget was not changed" />
      </div>
      <h2>Lines</h2>
      <BudgetLines budget={budget} projectId={project.id} />
      {!budget.locked && (
        <AddBudgetLine projectId={project.id} budget={budget} costCodes={costCodes.data?.items} />
      )}
      <BudgetChanges project={project} budget={budget} costCodes={costCodes.data?.items} />
    </>
  );
}
