'use strict';
// `npm run demo`'s lines for the export, annotation, release and experiment steps (11–13), and
// for the n8n nodes those examples feed (a file written, a summary, a branch per variant).

const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const count = (values) => {
	const counts = new Map();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts].map(([value, n]) => `${value} ${n}`).join(', ');
};

/** Lines for one Amplitude step of 11–13, or undefined for any other operation. */
function describeMore(node, items) {
	const p = node.parameters ?? {};
	const first = items[0]?.json ?? {};
	switch (`${p.resource}/${p.operation}`) {
		case 'event/export': {
			const warning = items.some((i) => i.json.warning)
				? ' (warning: recent hours may be incomplete)'
				: '';
			if (p.options?.outputFormat === 'binary') {
				return [
					`${node.name}: ${first.start} to ${first.end} (UTC) as ${first.file_name}, ${first.size_bytes} bytes, ${plural(first.event_files, 'event file')}, stored by n8n as a stream${warning}`,
				];
			}
			return [
				`${node.name}: ${plural(items.length, 'event')}${items.length ? ` (${count(items.map((i) => i.json.event_type))})` : ''}`,
			];
		}
		case 'release/create':
			return [
				`${node.name}: release ${first.version} "${first.title}" at ${first.release_start} UTC${first.platforms ? ` on ${first.platforms.join(', ')}` : ''}`,
			];
		case 'annotation/create':
			return [
				`${node.name}: annotation ${first.id} "${first.label}" at ${first.start} (${first.category}${first.chart_id ? `, chart ${first.chart_id}` : ', every chart'})`,
			];
		case 'annotation/getMany':
			return [
				`${node.name}: ${plural(items.length, 'annotation')}${items.length ? `: ${items.map((i) => `"${i.json.label}"`).join(', ')}` : ''}`,
			];
		case 'experiment/evaluate': {
			const flags = Object.keys(first.variants ?? {});
			return [
				`${node.name}: ${plural(items.length, 'user')}; ${flags
					.map(
						(flag) =>
							`${flag}: ${count(items.map((i) => i.json.variants[flag]?.value ?? 'no variant'))}`,
					)
					.join('; ')}`,
			];
		}
		default:
			return undefined;
	}
}

/** Lines for the n8n nodes that act on what 11–13 return. */
function describeFollowers(workflow, runData) {
	const lines = [];
	const outputs = (name) => runData[name]?.[runData[name].length - 1]?.data?.main ?? [];
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.switch') {
			const names = (node.parameters.rules?.values ?? []).map((rule) => rule.outputKey);
			if (node.parameters.options?.fallbackOutput === 'extra')
				names.push(node.parameters.options.renameFallbackOutput ?? 'fallback');
			const sizes = outputs(node.name).map((items) => items?.length ?? 0);
			lines.push(`${node.name}: ${names.map((name, i) => `${name} ${sizes[i] ?? 0}`).join(', ')}`);
		} else if (node.type === 'n8n-nodes-base.readWriteFile') {
			const [items = []] = outputs(node.name);
			for (const item of items) lines.push(`${node.name}: wrote ${item.json.fileName}`);
		} else if (node.type === 'n8n-nodes-base.summarize') {
			const [items = []] = outputs(node.name);
			// Summarize outputs the split-by fields and one <aggregation>_<field> per summary.
			const describeRow = (json) => {
				const totals = Object.keys(json).filter(
					(key) => /^[a-z]+_/.test(key) && typeof json[key] === 'number',
				);
				const groups = Object.keys(json).filter((key) => !totals.includes(key));
				return `${groups.map((key) => json[key]).join(' ')} ${totals.map((key) => json[key]).join(' ')}`;
			};
			lines.push(`${node.name}: ${items.map((i) => describeRow(i.json)).join(', ')}`);
		}
	}
	return lines;
}

module.exports = { describeMore, describeFollowers };
