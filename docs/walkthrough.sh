#!/usr/bin/env bash
# Drives a new plot through plot-lifecycle v2 (docs/plot-lifecycle.v2.md) with curl, as the demo users, on the real
# clock: the district's expert reviews of the investigations, the risk assessment forwarded to and decided by the
# province, which lists the plot; the works, the effect evaluation with its panel and the holder's disclosure of it.
# The application for removal is then refused until the report has been public for two months (42号令 第二十五条):
# the script shows the refusal and verifies the demo plot SJ-2026-001, which went the whole way, instead.
# Start the product first (npm ci && npm start), then: bash docs/walkthrough.sh
# BASE=http://host:port points it at another instance. Each step checks the state the plot must reach and stops
# with a non-zero exit and the server's answer when it does not; the test suite runs this script to its end
# (test/docs/walkthrough.e2e-spec.ts), so it cannot drift from the API unnoticed.
set -euo pipefail
shopt -s inherit_errexit
BASE=${BASE:-http://127.0.0.1:3000}
cd "$(dirname "$0")/examples"

fail() { echo "walkthrough: $*" >&2; exit 1; }
# json EXPR: prints the JavaScript expression EXPR of v, the JSON read from stdin; stops when EXPR is undefined or null.
json() {
  node -e '
    let s = "";
    process.stdin.on("data", (d) => (s += d)).on("end", () => {
      let v;
      try {
        v = JSON.parse(s);
      } catch {
        console.error(`walkthrough: the answer is not JSON: ${s.slice(0, 400)}`);
        process.exit(1);
      }
      const out = new Function("v", `return (${process.argv[1]});`)(v);
      if (out === undefined || out === null) {
        console.error(`walkthrough: the answer has no ${process.argv[1]}: ${s.slice(0, 400)}`);
        process.exit(1);
      }
      console.log(typeof out === "string" ? out : JSON.stringify(out));
    });' "$1"
}
# api METHOD PATH USER STATUS [curl arguments]: prints the answer; stops unless the HTTP status is STATUS (USER - : no login)
api() {
  local method=$1 path=$2 user=$3 want=$4 out status
  shift 4
  local auth=()
  [ "$user" = - ] || auth=(-H "Authorization: Bearer ${TOKENS[$user]}")
  out=$(curl -s -X "$method" "$BASE$path" "${auth[@]}" -w '\n%{http_code}' "$@") || fail "$method $path: no answer from $BASE"
  status=${out##*$'\n'}
  out=${out%$'\n'*}
  [ "$status" = "$want" ] || fail "$method $path as $user answered $status (expected $want): $out"
  printf '%s\n' "$out"
}
login() { api POST /auth/login - 200 -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo1234\"}" | json v.accessToken; }
# send USER EVENT-JSON STATE: POST /plots/:id/events as USER; stops unless the plot is then in STATE
send() {
  local type out state
  type=$(echo "$2" | json v.type)
  out=$(api POST "/plots/$PLOT/events" "$1" 200 -H 'Content-Type: application/json' -d "$2")
  state=$(echo "$out" | json v.state)
  [ "$state" = "$3" ] || fail "$1 $type: the plot is now in $state, expected $3"
  echo "  $1 $type → $state（$(echo "$out" | json v.stateLabel)）"
}
# refuse USER EVENT-JSON STATUS [GUARD]: the event must be refused with STATUS (and by the rule GUARD); prints the reason
refuse() {
  local type out
  type=$(echo "$2" | json v.type)
  out=$(api POST "/plots/$PLOT/events" "$1" "$3" -H 'Content-Type: application/json' -d "$2")
  if [ $# -ge 4 ]; then
    [ "$(echo "$out" | json v.guard)" = "$4" ] || fail "$1 $type was refused by another rule than $4: $out"
  fi
  echo "  $1 $type → 拒绝：$(echo "$out" | json v.message)"
}
# upload USER KIND CONCLUSION [SAMPLES.csv]: POST /plots/:id/reports, prints the report id
upload() {
  local extra=()
  [ $# -ge 4 ] && extra=(-F "samples=@$4;type=text/csv")
  api POST "/plots/$PLOT/reports" "$1" 201 -F "kind=$2" -F "conclusion=$3" -F "file=@sample-report.pdf;type=application/pdf" \
    "${extra[@]}" | json v.id
}
# today / in N months, in China (the law's dates are China's): `date` does the arithmetic
today() { TZ=Asia/Shanghai date +%F; }
months() { TZ=Asia/Shanghai date -d "+$1 months" +%F; }
# panel BUREAU STATE: 环办土壤〔2019〕63号 — BUREAU forms an expert panel of the demo experts (the users of the
# organisations of kind expert in the directory), each expert records his own opinion, the bureau concludes 通过;
# the plot stays in STATE
panel() {
  local u i
  send "$1" "{\"type\":\"FORM_PANEL\",\"experts\":$PANEL}" "$2"
  for u in expert1 expert2 expert3; do
    i=$(echo "$PANEL" | json "v.findIndex((e) => e.userId === '${USERS[$u]}')")
    send "$u" "{\"type\":\"RECORD_EXPERT_OPINION\",\"expertIndex\":$i,\"opinion\":\"报告内容完整，结论可信，同意通过\"}" "$2"
  done
  send "$1" '{"type":"CONCLUDE_PANEL","conclusion":"pass","summary":"专家组同意通过"}' "$2"
}

declare -A TOKENS USERS
for u in eeb land eeb-prov land-prov holder consultant consultant2 expert1 expert2 expert3; do TOKENS[$u]=$(login "$u"); done
for u in expert1 expert2 expert3; do USERS[$u]=$(api GET /me "$u" 200 | json v.id); done
ORGS=$(api GET /directory/organisations eeb 200)
org() { echo "$ORGS" | json "v.find((o) => o.name === '$1').id"; }
HOLDER=$(org 上街区某铝业有限公司); CONSULTANT=$(org 某环境调查评估有限公司)
EVALUATOR=$(org 某修复效果评估有限公司); CONTRACTOR=$(org 某土壤修复工程有限公司)
# The panel: every expert of the directory's expert organisations (某环境科学研究院, 某大学环境学院), with his organisation
PANEL=$(api GET '/directory/organisations?kind=expert' eeb 200 |
  json 'v.flatMap((o) => o.experts.map((e) => ({ name: e.displayName.replace(/（.*$/, ""), organisationId: o.id, userId: e.userId })))')

echo "1. 郑州市生态环境局上街分局登记疑似污染地块 (D1)"
PLOT=$(api POST /plots eeb 201 -H 'Content-Type: application/json' -d "{
  \"code\":\"WALK-$(date +%s)\",\"name\":\"教程地块\",\"address\":\"郑州市上街区教程路 1 号\",\"jurisdiction\":\"410106\",
  \"areaM2\":12000,\"formerIndustry\":\"铝冶炼\",\"currentUse\":\"工业用地（停产）\",\"plannedUse\":\"住宅\",
  \"holderOrganisationId\":\"$HOLDER\"}" | json v.id)
echo "  plot $PLOT"
echo "2. 调查通知 (D2)：期限须晚于今天、不超过六个月（42号令第十二条）；委托调查单位、启动调查"
refuse eeb "{\"type\":\"ISSUE_INVESTIGATION_NOTICE\",\"dueDate\":\"$(months 7)\"}" 422 dueDateWithinNoticeLimit
send eeb "{\"type\":\"ISSUE_INVESTIGATION_NOTICE\",\"dueDate\":\"$(months 3)\"}" suspected
send holder "{\"type\":\"ASSIGN_CONSULTANT\",\"orgId\":\"$CONSULTANT\",\"work\":\"investigation\"}" suspected
send holder '{"type":"START_INVESTIGATION"}' investigation.preliminary.drafting
echo "3. 初步调查：报告与样品数据（GB 36600 表 1 的 45 项基本项目），报送 (D3)；区级专家评审，会同审查 (D4)"
R=$(upload consultant preliminary_investigation '{"summary":"砷、铅超过第一类用地筛选值"}' samples-contaminated.csv)
send consultant "{\"type\":\"SUBMIT_REPORT\",\"reportId\":\"$R\"}" investigation.preliminary.underReview
VERDICT=$(api GET "/plots/$PLOT/screening" eeb 200 | json v.verdict)
[ "$VERDICT" = above_screening ] || fail "screening: expected above_screening for the contaminated samples, got $VERDICT"
echo "  screening: $VERDICT"
panel eeb investigation.preliminary.underReview
send eeb '{"type":"APPROVE","opinion":"同意，开展详细调查"}' investigation.preliminary.underReview
send land '{"type":"APPROVE","opinion":"同意"}' investigation.detailed.drafting
echo "4. 详细调查：区级专家评审，会同审查"
R=$(upload consultant detailed_investigation '{"summary":"污染范围约 6000 平方米"}' samples-contaminated.csv)
send consultant "{\"type\":\"SUBMIT_REPORT\",\"reportId\":\"$R\"}" investigation.detailed.underReview
panel eeb investigation.detailed.underReview
send eeb '{"type":"APPROVE","opinion":"同意"}' investigation.detailed.underReview
send land '{"type":"APPROVE","opinion":"同意"}' riskAssessment.drafting
echo "5. 风险评估 (D5)：区局报送河南省生态环境厅，省级专家评审，省生态环境厅会同省自然资源厅纳入名录 (D6)"
send holder "{\"type\":\"ASSIGN_CONSULTANT\",\"orgId\":\"$CONSULTANT\",\"work\":\"riskAssessment\"}" riskAssessment.drafting
R=$(upload consultant risk_assessment '{"riskAcceptable":false,"pollutants":["砷","铅"]}')
send consultant "{\"type\":\"SUBMIT_REPORT\",\"reportId\":\"$R\"}" riskAssessment.underReview
send eeb '{"type":"FORWARD","note":"报送河南省生态环境厅评审"}' riskAssessment.underReview
panel eeb-prov riskAssessment.underReview
send eeb-prov '{"type":"APPROVE","opinion":"风险不可接受，纳入名录"}' riskAssessment.underReview
send land-prov '{"type":"APPROVE","opinion":"同意纳入名录"}' listed.prioritization
echo "6. 优先控制名录 (D6)、修复方案备案 (D8)、施工公告牌 (D9)、完工"
send land '{"type":"SET_PRIORITY","rank":1,"negativeList":["住宅","教育用地"]}' listed.awaitingPlan
R=$(upload holder remediation_plan '{"technology":"异位固化稳定化","targets":"砷 ≤ 20 mg/kg"}')
send holder "{\"type\":\"FILE_REMEDIATION_PLAN\",\"reportId\":\"$R\"}" listed.remediation.planFiled
send eeb '{"type":"ACKNOWLEDGE_FILING"}' listed.remediation.ready
send holder "{\"type\":\"START_WORKS\",\"noticeBoard\":{\"project\":\"教程地块修复工程\",\"contractorOrganisationId\":\"$CONTRACTOR\",\"measures\":\"异位固化稳定化\",\"contact\":\"0371-00000000\",\"startDate\":\"$(today)\",\"endDate\":\"$(months 6)\"}}" listed.remediation.inProgress
send holder '{"type":"COMPLETE_WORKS"}' listed.effectEvaluation.drafting
echo "7. 效果评估 (D11)：施工单位不能评估自己（土壤法第六十五条），另行委托；区级专家评审后备案"
refuse holder "{\"type\":\"ASSIGN_CONSULTANT\",\"orgId\":\"$CONTRACTOR\",\"work\":\"effectEvaluation\"}" 422 evaluatorIndependentOfImplementer
send holder "{\"type\":\"ASSIGN_CONSULTANT\",\"orgId\":\"$EVALUATOR\",\"work\":\"effectEvaluation\"}" listed.effectEvaluation.drafting
R=$(upload consultant2 effect_evaluation '{"targetsAchieved":true,"permittedLandClass":1}' samples-clean.csv)
send consultant2 "{\"type\":\"SUBMIT_REPORT\",\"reportId\":\"$R\"}" listed.effectEvaluation.underReview
panel eeb listed.effectEvaluation.underReview
send eeb '{"type":"APPROVE","opinion":"达到修复目标"}' listed.awaitingRemoval
echo "8. 土地使用权人公开效果评估报告；公开满两个月前不能申请移出名录（42号令第二十五条）"
send holder "{\"type\":\"RECORD_DISCLOSURE\",\"work\":\"effectEvaluation\",\"publishedOn\":\"$(today)\",\"place\":\"上街区某铝业有限公司网站“信息公开”栏目\"}" listed.awaitingRemoval
refuse holder '{"type":"APPLY_REMOVAL"}' 422 effectEvaluationPublicLongEnough
echo "  两个月后：土地使用权人申请移出名录 (D12)，区局报送，省生态环境厅会同省自然资源厅审查、决定并公示，公示期满生效。"

echo "9. 演示地块 SJ-2026-001 已走完全程：移出名录决定 (D12) 的核验"
DEMO=$(api GET '/plots?q=SJ-2026-001' eeb 200 | json 'v.items.find((p) => p.code === "SJ-2026-001").id')
DEMO_STATE=$(api GET "/plots/$DEMO" eeb 200 | json '`${v.state}（${v.stateLabel}）`')
[ "${DEMO_STATE%%（*}" = released ] || fail "the demo plot SJ-2026-001 is in $DEMO_STATE, expected released"
echo "  SJ-2026-001 → $DEMO_STATE"
DECISION='v.find((d) => d.kind === "D12" && d.variant === "decision")'
for _ in $(seq 120); do
  DOCS=$(api GET "/plots/$DEMO/documents" holder 200)
  echo "$DOCS" | json "Boolean($DECISION)" | grep -q true && break
  sleep 0.5
done
DIGEST=$(echo "$DOCS" | json "$DECISION.digest")
# Anyone can check a document without logging in: by the digest printed on it, or by the SHA-256 of the PDF file.
VERIFIED=$(api GET "/public/verify/$DIGEST" - 200)
[ "$(echo "$VERIFIED" | json v.valid)" = true ] || fail "the removal decision does not verify: $VERIFIED"
echo "  verify: valid: true, $(echo "$VERIFIED" | json '`${v.number} ${v.title}, matched: ${v.matched}`')"
PDF_SHA256=$(curl -sf "$BASE$(echo "$VERIFIED" | json v.pdfUrl)" | sha256sum | cut -d' ' -f1)
[ "$PDF_SHA256" = "$(echo "$DOCS" | json "$DECISION.sha256")" ] || fail "the downloaded PDF's SHA-256 is not the one listed"
echo "  verify the PDF file: $(api GET "/public/verify/$PDF_SHA256" - 200 | json '`valid: ${v.valid}, matched: ${v.matched}`')"

echo "10. 审计链与本地块的文件"
AUDIT=$(api GET /audit/verify eeb 200)
[ "$(echo "$AUDIT" | json v.valid)" = true ] || fail "the audit chain does not verify: $AUDIT"
echo "  audit: $(echo "$AUDIT" | json 'Object.entries(v).map(([k, x]) => `${k}: ${JSON.stringify(x)}`).join(", ")')"
# The filing worker turns each step into its document after the step's commit: wait for the last one, the opinion
# (D4) on the effect evaluation, the fourth review opinion of this plot.
for _ in $(seq 120); do
  DOCS=$(api GET "/plots/$PLOT/documents" holder 200)
  echo "$DOCS" | json 'v.filter((d) => d.kind === "D4").length >= 4' | grep -q true && break
  sleep 0.5
done
echo "$DOCS" | json 'v.map((d) => `  ${d.number}  ${d.title}`).join("\n")'

echo "done: plot $PLOT 待申请移出名录（效果评估报告自 $(today) 起公开）；SJ-2026-001 移出名录"
