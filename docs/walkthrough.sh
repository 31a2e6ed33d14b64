#!/usr/bin/env bash
# Drives one plot from 疑似污染地块 to 移出名录 with curl, as the demo users.
# Start the product first (npm ci && npm start), then: bash docs/walkthrough.sh
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:3000}
cd "$(dirname "$0")/examples"

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(eval("v"+process.argv[1]))})' "$1"; }
login() { curl -sf -X POST "$BASE/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo1234\"}" | json .accessToken; }
# send USER EVENT-JSON: POST /plots/:id/events as USER, prints the new state
send() {
  local out
  out=$(curl -s -X POST "$BASE/plots/$PLOT/events" -H "Authorization: Bearer ${TOKENS[$1]}" -H 'Content-Type: application/json' -d "$2")
  echo "$out" | json '.state ?? JSON.stringify(v)' | sed "s/^/  $1 $(echo "$2" | json .type) → /"
}
# upload USER KIND CONCLUSION [SAMPLES.csv]: POST /plots/:id/reports, prints the report id
upload() {
  local extra=()
  [ $# -ge 4 ] && extra=(-F "samples=@$4;type=text/csv")
  curl -sf -X POST "$BASE/plots/$PLOT/reports" -H "Authorization: Bearer ${TOKENS[$1]}" \
    -F "kind=$2" -F "conclusion=$3" -F "file=@sample-report.pdf;type=application/pdf" "${extra[@]}" | json .id
}

declare -A TOKENS
for u in eeb land holder consultant consultant2; do TOKENS[$u]=$(login "$u"); done
ORGS=$(curl -sf "$BASE/directory/organisations" -H "Authorization: Bearer ${TOKENS[holder]}")
org() { echo "$ORGS" | json ".find(o => o.name === '$1').id"; }
HOLDER=$(org 上街区某铝业有限公司); CONSULTANT=$(org 某环境调查评估有限公司)
EVALUATOR=$(org 某修复效果评估有限公司); CONTRACTOR=$(org 某土壤修复工程有限公司)

echo "1. 生态环境局登记疑似污染地块 (D1)"
PLOT=$(curl -sf -X POST "$BASE/plots" -H "Authorization: Bearer ${TOKENS[eeb]}" -H 'Content-Type: application/json' -d "{
  \"code\":\"WALK-$(date +%s)\",\"name\":\"教程地块\",\"address\":\"郑州市上街区教程路 1 号\",\"jurisdiction\":\"410106\",
  \"areaM2\":12000,\"formerIndustry\":\"铝冶炼\",\"currentUse\":\"工业用地（停产）\",\"plannedUse\":\"住宅\",
  \"holderOrganisationId\":\"$HOLDER\"}" | json .id)
echo "  plot $PLOT"
echo "2. 调查通知 (D2)、委托调查单位、启动调查"
send eeb '{"type":"ISSUE_INVESTIGATION_NOTICE","dueDate":"2026-12-31"}'
send holder "{\"type\":\"ASSIGN_CONSULTANT\",\"orgId\":\"$CONSULTANT\",\"work\":\"investigation\"}"
send holder '{"type":"START_INVESTIGATION"}'
echo "3. 初步调查：上传报告和样品数据，报送 (D3)，会同评审 (D4) — 样品超过筛选值，进入详细调查"
R=$(upload consultant preliminary_investigation '{"summary":"砷、铅超标"}' samples-contaminated.csv)
send consultant "{\"type\":\"SUBMIT_REPORT\",\"reportId\":\"$R\"}"
curl -sf "$BASE/plots/$PLOT/screening" -H "Authorization: Bearer ${TOKENS[eeb]}" | json .verdict | sed 's/^/  screening: /'
send eeb '{"type":"APPROVE","opinion":"同意"}'
send land '{"type":"APPROVE","opinion":"同意"}'
echo "4. 详细调查"
R=$(upload consultant detailed_investigation '{}' samples-contaminated.csv)
send consultant "{\"type\":\"SUBMIT_REPORT\",\"reportId\":\"$R\"}"
send eeb '{"type":"APPROVE","opinion":"同意"}'
send land '{"type":"APPROVE","opinion":"同意"}'
echo "5. 风险评估 (D5) — 风险不可接受，纳入名录 (D6)"
send holder "{\"type\":\"ASSIGN_CONSULTANT\",\"orgId\":\"$CONSULTANT\",\"work\":\"riskAssessment\"}"
R=$(upload consultant risk_assessment '{"riskAcceptable":false,"pollutants":["砷","铅"]}')
send consultant "{\"type\":\"SUBMIT_REPORT\",\"reportId\":\"$R\"}"
send eeb '{"type":"APPROVE","opinion":"风险不可接受"}'
send land '{"type":"APPROVE","opinion":"同意纳入名录"}'
echo "6. 优先控制名录 (D6)、修复方案备案 (D8)、施工公告牌 (D9)、完工"
send land '{"type":"SET_PRIORITY","rank":1,"negativeList":["住宅","教育用地"]}'
R=$(upload holder remediation_plan '{"technology":"异位固化稳定化","targets":"砷 ≤ 20 mg/kg"}')
send holder "{\"type\":\"FILE_REMEDIATION_PLAN\",\"reportId\":\"$R\"}"
send eeb '{"type":"ACKNOWLEDGE_FILING"}'
send holder "{\"type\":\"START_WORKS\",\"noticeBoard\":{\"project\":\"教程地块修复工程\",\"contractorOrganisationId\":\"$CONTRACTOR\",\"measures\":\"异位固化稳定化\",\"contact\":\"0371-00000000\",\"startDate\":\"2026-12-10\",\"endDate\":\"2027-06-30\"}}"
send holder '{"type":"COMPLETE_WORKS"}'
echo "7. 效果评估 (D11)：施工单位不能评估自己（土壤法第六十五条），另行委托"
send holder "{\"type\":\"ASSIGN_CONSULTANT\",\"orgId\":\"$CONTRACTOR\",\"work\":\"effectEvaluation\"}"
send holder "{\"type\":\"ASSIGN_CONSULTANT\",\"orgId\":\"$EVALUATOR\",\"work\":\"effectEvaluation\"}"
R=$(upload consultant2 effect_evaluation '{"targetsAchieved":true,"permittedLandClass":1}' samples-clean.csv)
send consultant2 "{\"type\":\"SUBMIT_REPORT\",\"reportId\":\"$R\"}"
send eeb '{"type":"APPROVE","opinion":"达到修复目标"}'
echo "8. 申请移出名录 (D12)，会同审查，准予按第一类用地开发利用"
send holder '{"type":"APPLY_REMOVAL"}'
send eeb '{"type":"APPROVE","opinion":"同意移出"}'
send land '{"type":"APPROVE","opinion":"准予开发利用"}'
echo "9. 审计链与文件"
sleep 2
curl -sf "$BASE/audit/verify" -H "Authorization: Bearer ${TOKENS[eeb]}" | json 'JSON.stringify(v)' | sed 's/^/  audit: /'
curl -sf "$BASE/plots/$PLOT/documents" -H "Authorization: Bearer ${TOKENS[holder]}" | json '.map(d => "  " + d.number + "  " + d.title).join("\n")'
DIGEST=$(curl -sf "$BASE/plots/$PLOT/documents" -H "Authorization: Bearer ${TOKENS[holder]}" | json '.at(-1).digest')
curl -sf "$BASE/public/verify/$DIGEST" | json 'JSON.stringify(v)' | sed 's/^/  verify: /'
