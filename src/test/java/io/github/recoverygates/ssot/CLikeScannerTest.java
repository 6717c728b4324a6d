package io.github.recoverygates.ssot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CLikeScannerTest {

    private static final ScanSpec SPEC = PythonScannerTest.spec("""
            envAliases: {JWT_SECRET_KEY: [JWT_SECRET]}
            deprecated: [{symbol: WebSocketNotifier, use: AgentWebSocketBridge}]
            """);

    @Test
    @DisplayName("Java: package, imports (static, star), type definitions at any depth; nothing from comments or strings")
    void java() {
        FileFacts f = CLikeScanner.java("""
                package io.example.app;
                import java.util.List;
                import static org.junit.Assert.assertTrue;
                import io.example.core.*;
                /* import io.example.fake.Commented; */
                // import io.example.fake.Line;
                public class SessionManager {
                    String s = "import io.example.fake.InString;";
                    String env = System.getenv("JWT_SECRET");
                    Class<?> c = Other.class;
                    static final class Inner { }
                    record Point(int x, int y) { }
                    enum Mode { A, B }
                    WebSocketNotifier notifier;
                    boolean validateToken(String t) throws Exception { return true; }
                    boolean checkReal(String t) { if (t == null) { return false; } return true; }
                    void use() { if (validateToken("x")) { return; } }
                }
                """, SPEC);
        assertThat(f.packageName()).isEqualTo("io.example.app");
        assertThat(f.imports()).extracting(i -> i.kind() + " " + i.module())
                .containsExactly("java java.util.List", "static org.junit.Assert.assertTrue", "java io.example.core");
        assertThat(f.definitions()).extracting(d -> d.name() + (d.topLevel() ? " top" : ""))
                .containsExactly("SessionManager top", "Inner", "Point", "Mode");
        assertThat(f.words()).extracting(w -> w.word() + "@" + w.line())
                .containsExactly("JWT_SECRET@9", "WebSocketNotifier@14");
        assertThat(f.fakes()).extracting(FileFacts.Fake::name).containsExactly("validateToken");
        assertThat(f.parsed()).isTrue();
    }

    @Test
    @DisplayName("JS/TS: import-from, side-effect, dynamic import(), require(), export-from; not in comments, strings or regexes")
    void javascriptImports() {
        FileFacts f = CLikeScanner.javascript("""
                import React, { useState } from 'react';
                import type { User } from "@app/models";
                import './side-effect.css';
                import {
                  a,
                  b,
                } from '../shared/util';
                const lazy = () => import('./lazy/Page');
                const fs = require("fs");
                export * from './reexported';
                export { thing as other } from "./things";
                export const notAnImport = 1;
                // import x from 'commented';
                /* require('block-commented') */
                const s = "import y from 'in-string'";
                const re = /import z from 'in-regex'/g;
                const t = `require('in-template')`;
                const q = obj.import('not-a-module');
                """, SPEC, true);
        assertThat(f.imports()).extracting(i -> i.kind() + " " + i.module()).containsExactly(
                "esm react", "esm @app/models", "esm ./side-effect.css", "esm ../shared/util", "dynamic ./lazy/Page",
                "require fs", "export ./reexported", "export ./things");
        assertThat(f.language()).isEqualTo("typescript");
    }

    @Test
    @DisplayName("JS/TS: classes, function declarations and arrow-function consts are definitions; constant checks are fake")
    void javascriptDefinitions() {
        FileFacts f = CLikeScanner.javascript("""
                export class SessionManager extends Base {
                  isHealthy(): boolean { return true; }
                  validate(x) { if (!x) { return false } return true }
                }
                function checkAuth(req) { return true }
                const verifyToken = async (t: string): Promise<boolean> => true;
                const helper = x => x + 1;
                const value = compute();
                const secret = process.env.JWT_SECRET;
                """, SPEC, true);
        assertThat(f.definitions()).extracting(d -> d.kind() + " " + d.name())
                .containsExactly("class SessionManager", "function checkAuth", "function verifyToken", "function helper");
        assertThat(f.fakes()).extracting(FileFacts.Fake::name).containsExactly("isHealthy", "checkAuth", "verifyToken");
        assertThat(f.words()).extracting(FileFacts.Word::word).containsExactly("JWT_SECRET");
    }

    @Test
    @DisplayName("an apostrophe in JSX text does not swallow the rest of the file")
    void jsxText() {
        FileFacts f = CLikeScanner.javascript("""
                const A = () => <p>Don't stop</p>;
                import B from './b';
                """, SPEC, false);
        assertThat(f.imports()).extracting(FileFacts.Import::module).containsExactly("./b");
    }
}
