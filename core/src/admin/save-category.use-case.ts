import type { Category } from '../ports/category.repository.port';
import { fail, ok, type Result } from '../shared/result';
import type { Actor } from '../use-cases/support';
import type { AdminDeps } from './admin-deps';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** An admin adds or renames a category. The tree stays a tree: the parent exists and no cycle forms. */
export class SaveCategory {
  constructor(private readonly deps: AdminDeps) {}

  async execute(input: { readonly actor: Actor; readonly category: Category }): Promise<Result<Category>> {
    if (input.actor.role !== 'admin') return fail('FORBIDDEN', 'Only an admin may edit categories');
    const c = input.category;
    if (!ID.test(c.id)) return fail('VALIDATION_ERROR', 'The category id is not valid', { id: 'lower-case letters, digits and dashes, at most 64' });
    const all = await this.deps.categories.all();
    const byId = new Map(all.map((x) => [x.id, x]));
    if (c.parentId !== null) {
      if (!byId.has(c.parentId)) return fail('VALIDATION_ERROR', 'The parent category does not exist', { parentId: 'unknown category' });
      // Walk up from the new parent: meeting the category itself means the edit would close a loop.
      for (let at: string | null = c.parentId; at !== null; at = byId.get(at)?.parentId ?? null) {
        if (at === c.id) return fail('VALIDATION_ERROR', 'A category cannot be its own ancestor', { parentId: 'would form a cycle' });
      }
    }
    await this.deps.categories.save(c);
    return ok(c);
  }
}
