/** Teams, agents with their open load, and routing rules with each rule's round-robin position. */
import type { Agent, AgentRole, RoutingMatch, RoutingRule, Team } from '@shared/domain/care';
import type { Db } from '../../database';

interface AgentRow {
  name: string;
  role: string;
  team_id: number | null;
  capacity: number;
  active: number;
}

interface RuleRow {
  id: number;
  name: string;
  position: number;
  enabled: number;
  match: string;
  strategy: string;
  team_id: number;
}

export function teamQueries(db: Db) {
  const teams = db.prepare<[], Team>('SELECT id, name FROM care_teams ORDER BY name');
  const insertTeam = db.prepare('INSERT INTO care_teams (name) VALUES (?)');
  const renameTeam = db.prepare('UPDATE care_teams SET name = ? WHERE id = ?');
  const teamExists = db.prepare('SELECT 1 FROM care_teams WHERE id = ?');
  const agents = db.prepare<[], AgentRow>('SELECT * FROM care_agents ORDER BY name');
  const upsertAgent = db.prepare(
    `INSERT INTO care_agents (name, role, team_id, capacity, active) VALUES (@name, @role, @teamId, @capacity, @active)
     ON CONFLICT (name) DO UPDATE SET role = excluded.role, team_id = excluded.team_id, capacity = excluded.capacity, active = excluded.active`,
  );
  const loads = db.prepare<[], { assignee: string; n: number }>(
    `SELECT assignee, COUNT(*) AS n FROM care_conversations WHERE status <> 'resolved' AND assignee IS NOT NULL GROUP BY assignee`,
  );
  const rules = db.prepare<[], RuleRow>('SELECT * FROM care_routing_rules ORDER BY position, id');
  const insertRule = db.prepare(
    'INSERT INTO care_routing_rules (name, position, enabled, match, strategy, team_id) VALUES (@name, @position, @enabled, @match, @strategy, @teamId)',
  );
  const updateRule = db.prepare(
    'UPDATE care_routing_rules SET name = @name, position = @position, enabled = @enabled, match = @match, strategy = @strategy, team_id = @teamId WHERE id = @id',
  );
  const removeRule = db.prepare('DELETE FROM care_routing_rules WHERE id = ?');
  const ruleLastAgent = db.prepare('SELECT last_agent FROM care_routing_rules WHERE id = ?').pluck();
  const setRuleLastAgent = db.prepare('UPDATE care_routing_rules SET last_agent = ? WHERE id = ?');

  return {
    teams(): Team[] {
      return teams.all();
    },
    saveTeam(id: number | null, name: string): number {
      if (id === null) return Number(insertTeam.run(name).lastInsertRowid);
      renameTeam.run(name, id);
      return id;
    },
    teamExists(id: number): boolean {
      return teamExists.get(id) !== undefined;
    },
    agents(): Omit<Agent, 'load'>[] {
      return agents.all().map((r) => ({ name: r.name, role: r.role as AgentRole, teamId: r.team_id, capacity: r.capacity, active: r.active === 1 }));
    },
    saveAgent(a: Omit<Agent, 'load'>): void {
      upsertAgent.run({ ...a, active: a.active ? 1 : 0 });
    },
    /** Open conversations held by each agent. */
    loads(): Map<string, number> {
      return new Map(loads.all().map((r) => [r.assignee, r.n]));
    },
    rules(): RoutingRule[] {
      return rules.all().map((r) => ({
        id: r.id,
        name: r.name,
        position: r.position,
        enabled: r.enabled === 1,
        match: JSON.parse(r.match) as RoutingMatch,
        strategy: r.strategy as RoutingRule['strategy'],
        teamId: r.team_id,
      }));
    },
    saveRule(r: Omit<RoutingRule, 'id'> & { id: number | null }): number {
      const row = { ...r, enabled: r.enabled ? 1 : 0, match: JSON.stringify(r.match) };
      if (r.id === null) return Number(insertRule.run(row).lastInsertRowid);
      updateRule.run(row);
      return r.id;
    },
    removeRule(id: number): boolean {
      return removeRule.run(id).changes === 1;
    },
    ruleLastAgent(id: number): string | null {
      return (ruleLastAgent.get(id) as string | null | undefined) ?? null;
    },
    setRuleLastAgent(id: number, agent: string): void {
      setRuleLastAgent.run(agent, id);
    },
  };
}
