// The cost report webview: one panel per workspace, updated live from the cost model. Strict CSP, local
// assets only (media/cost-report), the page's script limited to asking for exports.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands, Webviews } from '../../ids';
import type { CostModel } from '../model';
import { functionAnchor, reportBodyHtml, reportPageHtml } from './html';

type PageMessage = { type: 'export'; format: 'csv' | 'markdown' } | { type: 'ready' };

export class CostReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private pendingFocus: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly model: CostModel,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscriptions.push(model.onDidChange(() => this.update()));
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Opens (or reveals) the report, scrolled to `functionName` when given. */
  show(functionName?: string): void {
    this.pendingFocus = functionName ? functionAnchor(functionName) : undefined;
    if (this.panel) {
      this.panel.reveal();
      this.focus();
      return;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'media', 'cost-report');
    const panel = vscode.window.createWebviewPanel(Webviews.costReport, 'Lambkin Cost Report', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'lambkin.svg');
    const nonce = randomBytes(16).toString('base64');
    panel.webview.html = reportPageHtml({
      cspSource: panel.webview.cspSource,
      nonce,
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.css')).toString(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.js')).toString(),
      body: this.body(),
    });
    panel.webview.onDidReceiveMessage((message: PageMessage) => {
      if (message.type === 'ready') this.focus();
      if (message.type === 'export' && (message.format === 'csv' || message.format === 'markdown')) {
        void vscode.commands.executeCommand(Commands.exportCostReport, message.format);
      }
    });
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    this.panel = panel;
  }

  private body(): string {
    const settings = this.model.settings;
    return reportBodyHtml(this.model.report, {
      workspaceName: vscode.workspace.name ?? 'workspace',
      statsFile: this.model.statsFile ? vscode.workspace.asRelativePath(this.model.statsFile) : undefined,
      customPrices: settings.customPrices,
      priceProblems: settings.priceProblems,
    });
  }

  private update(): void {
    if (this.panel) void this.panel.webview.postMessage({ type: 'update', html: this.body() });
  }

  private focus(): void {
    if (this.panel && this.pendingFocus) void this.panel.webview.postMessage({ type: 'focus', anchor: this.pendingFocus });
    this.pendingFocus = undefined;
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.panel?.dispose();
    this.panel = undefined;
  }
}
