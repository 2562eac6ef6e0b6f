import { searchCorpus, searchFacets } from '../../db/index.js';
import type { searchChannels } from '../../shared/ipc/search-channels.js';
import { snippetParts, matchMarkers, type HandlersFor, type IpcHandlerDeps } from '../ipc-handlers.js';

export function createSearchHandlers({ db }: IpcHandlerDeps): HandlersFor<typeof searchChannels> {
  return {
    'search:corpus': async ({ query, filters, limit }) => {
      const result = await searchCorpus(db, query, filters ?? {}, { limit: limit ?? 100, highlight: matchMarkers });
      return {
        ...result,
        groups: result.groups.map((group) => ({ ...group, hits: group.hits.map((hit) => ({ ...hit, snippet: snippetParts(hit.snippet) })) })),
      };
    },
    'search:facets': () => searchFacets(db),
  };
}
