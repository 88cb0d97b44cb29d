#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Lodestone authors
#
# Usage: check-flatpak-manifest.py MANIFEST SCHEMA APP-ID
#
# Validates the Flatpak manifest against flatpak-builder's JSON schema and
# against the Flathub rules that can be checked offline (PLATFORM.md §1.4).

import json
import os
import sys

SKIP = 77


def missing_tool(message):
    # Under CI a missing module means the install step is broken.
    if os.environ.get('CI'):
        print(f'FAIL: {message}', file=sys.stderr)
        sys.exit(1)
    print(f'SKIP: {message}')
    sys.exit(SKIP)


try:
    import jsonschema
except ImportError:
    missing_tool('python3 module jsonschema not found; install the Debian package python3-jsonschema')


def no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f'duplicate keys: {", ".join(duplicates)}')
    return dict(pairs)


def finish_args_problems(args):
    """Flathub linter errors that are never excepted, plus our own rule that
    Lodestone works offline."""
    problems = []
    if not args:
        problems.append('finish-args is missing (finish-args-not-defined)')
    if '--share=network' in args:
        problems.append('--share=network: Lodestone works offline')
    x11 = '--socket=x11' in args
    fallback = '--socket=fallback-x11' in args
    wayland = '--socket=wayland' in args
    if x11 and fallback:
        problems.append('both --socket=x11 and --socket=fallback-x11 (finish-args-contains-both-x11-and-fallback)')
    if x11 and wayland:
        problems.append('--socket=x11 with --socket=wayland; use fallback-x11')
    if fallback and not wayland:
        problems.append('--socket=fallback-x11 without --socket=wayland (finish-args-fallback-x11-without-wayland)')
    if (x11 or fallback) and '--share=ipc' not in args:
        problems.append('X11 without --share=ipc (finish-args-x11-without-ipc)')
    for arg in args:
        if arg.startswith('--filesystem=') and arg.split('=', 1)[1].split(':')[0] in ('host', 'host-os', 'host-etc', 'home'):
            problems.append(f'{arg}: files are opened through the portal')
        if arg in ('--device=all', '--socket=session-bus', '--socket=system-bus'):
            problems.append(f'{arg}: not needed')
    return problems


def source_problems(module):
    problems = []
    for source in module.get('sources', []):
        if not isinstance(source, dict):
            continue
        kind = source.get('type')
        if kind in ('archive', 'file') and 'url' in source and 'sha256' not in source:
            problems.append(f'module {module.get("name")}: {kind} source without sha256')
        if kind == 'git' and 'commit' not in source:
            problems.append(f'module {module.get("name")}: git source without a commit')
    return problems


def main():
    manifest_path, schema_path, app_id = sys.argv[1:4]

    with open(manifest_path, encoding='utf-8') as f:
        text = f.read()
    with open(schema_path, encoding='utf-8') as f:
        schema = json.load(f)

    problems = []
    if not text.endswith('\n'):
        problems.append('the file does not end with a newline')
    try:
        manifest = json.loads(text, object_pairs_hook=no_duplicate_keys)
    except ValueError as e:
        print(f'FAIL: {manifest_path}: {e}', file=sys.stderr)
        return 1

    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    for error in sorted(validator_class(schema).iter_errors(manifest), key=lambda e: list(e.path)):
        where = '/'.join(str(p) for p in error.path) or '(top)'
        problems.append(f'schema: {where}: {error.message}')

    if isinstance(manifest, dict):
        expected = {
            'id': app_id,
            'runtime': 'org.gnome.Platform',
            'sdk': 'org.gnome.Sdk',
            'command': 'lodestone',
        }
        for key, value in expected.items():
            if manifest.get(key) != value:
                problems.append(f'{key} is {manifest.get(key)!r}, want {value!r}')
        if not isinstance(manifest.get('runtime-version'), str):
            problems.append('runtime-version must be a pinned version string')
        problems += finish_args_problems(manifest.get('finish-args', []))
        modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
        for module in modules:
            problems += source_problems(module)
        if not any(m.get('name') == 'libshumate' for m in modules):
            problems.append('libshumate is not in the runtime and must be built as a module')
        if not modules or modules[-1].get('name') != 'lodestone':
            problems.append('the last module must be lodestone itself')

    for problem in problems:
        print(f'FAIL: {manifest_path}: {problem}', file=sys.stderr)
    if problems:
        return 1
    print(f'OK: {manifest_path} (jsonschema {validator_class.__name__})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
