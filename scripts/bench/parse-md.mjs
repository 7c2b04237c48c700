// Baseline: parse a Markdown file with remark-parse + remark-gfm and nothing else.
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const processor = unified().use(remarkParse).use(remarkGfm);
const tree = processor.runSync(processor.parse(readFileSync(process.argv[2], 'utf8')));
if (!tree.children.length) process.exit(3);
