#!/usr/bin/env python3
"""Keeps SharedResource.*.resx sorted, so that branches adding keys rarely touch the same lines.

  tools/resx.py add zh-CN < pairs.tsv     add or replace "key<TAB>text" lines (\\n in text is a newline)
  tools/resx.py sort zh-CN                re-sort the file
  tools/resx.py merge FILE                resolve git conflict markers in FILE by taking both sides' entries
"""
import re, sys, html, os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'CompetitivePosts.Web', 'Resources')
DATA = re.compile(r'  <data name="(.*?)" xml:space="preserve"><value>(.*?)</value></data>\n', re.S)

def path(culture): return os.path.join(ROOT, f'SharedResource.{culture}.resx')

def load(text):
    head = text[:text.index('  <data ')] if '  <data ' in text else text[:text.rindex('</root>')]
    return head, {k: v for k, v in DATA.findall(text)}

def dump(head, entries):
    body = ''.join(f'  <data name="{k}" xml:space="preserve"><value>{v}</value></data>\n'
                   for k, v in sorted(entries.items(), key=lambda kv: html.unescape(kv[0])))
    return head + body + '</root>\n'

def main():
    cmd = sys.argv[1]
    if cmd == 'merge':
        text = open(sys.argv[2], encoding='utf-8').read()
        text = re.sub(r'^(<<<<<<<|=======|>>>>>>>).*\n', '', text, flags=re.M)
        head, entries = load(text)
        open(sys.argv[2], 'w', encoding='utf-8').write(dump(head, entries))
        return
    p = path(sys.argv[2])
    head, entries = load(open(p, encoding='utf-8').read())
    if cmd == 'add':
        for line in sys.stdin:
            line = line.rstrip('\n')
            if not line.strip():
                continue
            key, value = line.split('\t', 1)
            key = html.escape(key.replace('\\n', '\n'), quote=False).replace('"', '&quot;')
            entries[key] = html.escape(value.replace('\\n', '\n'), quote=False)
    open(p, 'w', encoding='utf-8').write(dump(head, entries))

main()
